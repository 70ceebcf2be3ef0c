/**
 * `ghsync serve` in-process for API tests: a fresh database, the job runner (with
 * scheduler) and the Fastify API listening on a free port, against an emulator.
 */
import type { FastifyInstance } from "fastify";
import { buildApi } from "../../src/api/server.js";
import { loadSettings, type Settings } from "../../src/config/settings.js";
import { startJobRunner, type JobRunner } from "../../src/jobs/runner.js";
import { openDatabase, type Database } from "../../src/store/database.js";
import { freshDatabase, freshPostgres } from "./databases.js";
import { silentLog } from "./sync-harness.js";

export const API_TOKEN = "test-api-token-0123456789";

export interface TestServer {
  url: string;
  database: Database;
  runner: JobRunner;
  app: FastifyInstance;
  settings: Settings;
  /** fetch with the API token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestServer(
  env: NodeJS.ProcessEnv,
  database?: Database,
  port = 0,
): Promise<TestServer> {
  const settings = loadSettings({
    GHSYNC_API_TOKEN: API_TOKEN,
    // Ticks every 15 minutes, not every minute (the default): a test's own syncs and counts are
    // not joined mid-way by a tick's polls unless it asks for them.
    GHSYNC_RECONCILE_CRON: "*/15 * * * *",
    ...env,
  });
  const db = database ?? (await freshDatabase({ poolSize: 20 }));
  const runner = await startJobRunner(settings, db, silentLog, { concurrency: 2, schedule: true });
  const app = await buildApi({ settings, database: db, runner, log: silentLog });
  await app.listen({ port, host: "127.0.0.1" });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    url,
    database: db,
    runner,
    app,
    settings,
    api: (path, init = {}) =>
      fetch(`${url}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${API_TOKEN}`,
          ...(init.body ? { "content-type": "application/json" } : {}),
          ...(init.headers as Record<string, string> | undefined),
        },
      }),
    async close() {
      await app.close();
      await runner.stop();
      if (!database) await db.close();
    },
  };
}

/**
 * A test server and the `ghsync` CLI on one fresh PostgreSQL database, to drive the same action
 * through both: give the CLI `DATABASE_URL: databaseUrl`. `close()` stops the server and drops
 * the database.
 */
export async function startServerForCli(): Promise<{
  server: TestServer;
  databaseUrl: string;
  close(): Promise<void>;
}> {
  const fresh = await freshPostgres();
  const database = await openDatabase({ kind: "postgres", url: fresh.url, poolSize: 8 }, { migrate: false });
  const server = await startTestServer({}, database);
  return {
    server,
    databaseUrl: fresh.url,
    async close() {
      await server.close();
      await database.close();
      await fresh.drop();
    },
  };
}

import { settled } from "./settled.js";
export { eventually, settled } from "./settled.js";
export { freePort } from "./ports.js";

/** Tracks repositories at full depth through the API and waits until their backfills are done. */
export async function trackInFull(server: TestServer, fullNames: readonly string[]): Promise<void> {
  for (const fullName of fullNames) {
    const response = await server.api("/api/repos", {
      method: "POST",
      body: JSON.stringify({ full_name: fullName, depth: "full" }),
    });
    if (response.status !== 202)
      throw new Error(`tracking ${fullName}: ${response.status} ${await response.text()}`);
  }
  await settled(server.database.db, "the backfills");
}
