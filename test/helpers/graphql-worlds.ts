/**
 * Emulators, databases and syncs for the GraphQL collection tests (sync-graphql*.test.ts): one
 * organization (seed 7, two small repositories unless told otherwise), each emulator and database
 * closed after its test.
 */
import { afterEach } from "vitest";
import type { ApiChoice } from "../../src/config/settings.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Database } from "../../src/store/database.js";
import { freshDatabase } from "./databases.js";
import { syncOrg, testClient } from "./sync-harness.js";

export const TOKEN = "test-token";

/** Call inside a `describe`: registers the cleanup after each of its tests. */
export function graphqlWorlds() {
  const emulators: RunningEmulator[] = [];
  const databases: Database[] = [];
  afterEach(async () => {
    for (const database of databases.splice(0)) await database.close();
    for (const emulator of emulators.splice(0)) await emulator.close();
  });
  return {
    async emulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
      const started = await startEmulator({ port: 0, seed: 7, repos: 2, scale: "small", ...options });
      emulators.push(started);
      return started;
    },
    async database(): Promise<Database> {
      const fresh = await freshDatabase();
      databases.push(fresh);
      return fresh;
    },
    sync: (db: Database, url: string, api: ApiChoice, extra = {}) =>
      syncOrg(db.db, testClient(url, [TOKEN], { api, ...extra }), "acme"),
    /** Points the emulator charged the token: REST's core points and GraphQL query costs. */
    charged(emu: RunningEmulator): number {
      const stats = emu.admin.requestStats()[TOKEN];
      return (stats?.counted ?? 0) + (stats?.graphql_points ?? 0);
    },
  };
}
