/**
 * Opening the dashboard syncs what is stale (issue 19, seed asks): one incremental job per stale
 * repository, debounced, and none while the rate-limit ledger says the budget is low.
 */
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { queryRows } from "../../src/store/raw-query.js";
import { jobsWithStatus } from "../../src/store/sync-jobs.js";
import { eventually, startTestServer } from "../helpers/server-harness.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe("opening the dashboard", () => {
  it("queues one sync per stale repository, within the rate budget, debounced", async () => {
    const emulator = await startEmulator({ port: 0, seed: 5, repos: 2, scale: "tiny" });
    cleanups.push(() => emulator.close());
    const server = await startTestServer({ GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "stale-token" });
    cleanups.push(() => server.close());
    const db = server.database.db;
    const idle = () =>
      eventually(
        async () =>
          (await jobsWithStatus(db, ["queued", "waiting", "running"])).length === 0 ? true : undefined,
        60_000,
        "the jobs",
      );
    for (const repo of emulator.admin.repositories()) {
      const answer = await server.api("/api/repos", {
        method: "POST",
        body: JSON.stringify({ full_name: repo.full_name, depth: "full" }),
      });
      expect(answer.status).toBe(202);
    }
    await idle();
    const open = async () =>
      (await (await server.api("/api/sync/stale", { method: "POST" })).json()) as unknown;
    const dashboardJobs = async () =>
      Number(
        (
          await queryRows<{ n: string }>(
            db,
            sql`select count(*) as n from sync_jobs where type = 'incremental' and params->>'scheduled' = 'true'`,
          )
        )[0]?.n,
      );

    // Just synced: nothing is stale.
    expect(await open()).toEqual({ stale: 0, queued: 0, skipped: null });
    // An hour later for one of them.
    await queryRows(
      db,
      sql`update repositories set current_at = now() - interval '1 hour'
      where id = (select min(id) from repositories where tracked)`,
    );
    // The ledger says the credential is nearly spent: nothing is queued.
    const [ledger] = await queryRows<{ n: string }>(
      db,
      sql`update rate_limits set remaining = 10, reset_at = now() + interval '30 minutes'
           where resource = 'core' returning 1 as n`,
    );
    expect(ledger).toBeDefined();
    expect(await open()).toEqual({ stale: 1, queued: 0, skipped: "rate_budget" });
    expect(await dashboardJobs()).toBe(0);
    // The limit reset: one job for the stale repository, then a second opening is debounced.
    await queryRows(db, sql`update rate_limits set remaining = "limit" returning 1 as n`);
    expect(await open()).toEqual({ stale: 1, queued: 1, skipped: null });
    expect(await open()).toMatchObject({ queued: 0, skipped: "debounced" });
    await idle();
    expect(await dashboardJobs()).toBe(1);
  }, 120_000);
});
