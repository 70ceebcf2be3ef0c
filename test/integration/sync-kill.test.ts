/**
 * kill -9 at several moments of a backfill, then a rerun: the mirror equals the truth, with no
 * duplicates — through the real CLI, on the embedded database and on PostgreSQL.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { databaseKinds, freshDatabase } from "../helpers/databases.js";
import { databaseUrl } from "../helpers/postgres-url.js";
import { finished, runCli, spawnCli } from "../helpers/run-cli.js";
import { walkOrganization } from "../helpers/walk-github.js";

describe.each(databaseKinds)("kill -9 during a sync on %s", (kind) => {
  let emulator: RunningEmulator;
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 21, repos: 2, scale: "small", latencyMs: 15 });
    env = { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "kill-test" };
    if (kind === "pglite") {
      env.GHSYNC_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "ghsync-kill-"));
      env.DATABASE_URL = "";
    } else {
      // A database of its own, copied from the migrated template; the CLI connects by URL.
      const database = await freshDatabase("postgres");
      const name = new URL(database.location).pathname.slice(1);
      env.DATABASE_URL = databaseUrl(name);
      cleanup = () => database.close();
    }
  });
  afterAll(async () => {
    await cleanup();
    await emulator?.close();
  });

  const requestsSoFar = () => emulator.admin.requestStats()["kill-test"]?.requests ?? 0;

  it("resumes after kill -9 at several points and ends equal to the truth", async () => {
    const truth = await walkOrganization(emulator.url, "acme");
    // Kill when the emulator has answered this many more requests: early, mid-lists, mid-reviews.
    // (A full sync of this organization takes about 110 requests.)
    for (const after of [10, 30, 30]) {
      const child = spawnCli(["sync", "--org", "acme", "--full", "--json"], env);
      const done = finished(child);
      const target = requestsSoFar() + after;
      while (requestsSoFar() < target && child.exitCode === null)
        await new Promise((resolve) => setTimeout(resolve, 5));
      child.kill("SIGKILL");
      expect((await done).signal).toBe("SIGKILL");
    }
    const partial = JSON.parse((await runCli(["stats", "--org", "acme", "--json"], env)).stdout);
    expect(partial).not.toEqual(truth.counts);
    expect(partial.pull_requests).toBeGreaterThan(0);

    const rerun = await runCli(["sync", "--org", "acme", "--full", "--json"], env);
    expect(rerun.stderr).toBe("");
    expect(rerun.code).toBe(0);
    const stats = await runCli(["stats", "--org", "acme", "--json"], env);
    expect(JSON.parse(stats.stdout)).toEqual(truth.counts);
  });
});
