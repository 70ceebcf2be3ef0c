/**
 * Operations on PostgreSQL: /api/health turns 503 while the database is unreachable and 200 again
 * when it returns; three `ghsync serve` processes fire each reconciliation tick exactly once.
 */
import type { ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../src/store/database.js";
import { queryRows } from "../../src/store/raw-query.js";
import { freshPostgres } from "../helpers/databases.js";
import { finished, spawnCli } from "../helpers/run-cli.js";
import { eventually, startTestServer } from "../helpers/server-harness.js";
import { postgresBehindProxy } from "../helpers/tcp-proxy.js";

const cleanups: (() => Promise<void>)[] = [];

/**
 * Waits, instead of a fixed time, until the schedule has been checked twice more since now (pg-boss
 * stamps `cron_on` at each check, whichever process makes it; a check within a tick's minute would
 * send the tick again) and everything those checks sent has been worked: no send or reconcile job
 * pending in the queue, every scheduled reconciliation completed.
 */
async function schedulerSettled(db: Db): Promise<void> {
  const checks = new Set<string>();
  await eventually(
    async () => {
      const [row] = await queryRows<{ cron_on: string; pending: string | number; running: string | number }>(
        db,
        sql`select (select cron_on::text from pgboss.version) as cron_on,
              (select count(*) from pgboss.job where name in ('__pgboss__send-it', 'reconcile')
                 and state in ('created', 'retry', 'active')) as pending,
              (select count(*) from sync_jobs where type = 'reconcile' and status <> 'completed') as running`,
      );
      if (row) checks.add(row.cron_on);
      // The first value seen is the check that may have fired the tick; two more after it.
      return checks.size >= 3 && Number(row?.pending) === 0 && Number(row?.running) === 0 ? true : undefined;
    },
    90_000,
    "two more schedule checks and an idle queue",
  );
}
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe("operations on PostgreSQL", () => {
  it("health answers 503 while PostgreSQL is unreachable and 200 once it is back", async () => {
    const { proxy, url } = await postgresBehindProxy(cleanups);
    const database = await openDatabase({ kind: "postgres", url, poolSize: 8 }, { migrate: false });
    const server = await startTestServer({ GITHUB_TOKEN: "health-token" }, database);
    cleanups.push(async () => {
      await server.close();
      await database.close();
    });
    const health = () =>
      fetch(`${server.url}/api/health`).then(async (r) => ({ status: r.status, body: await r.json() }));

    expect(await health()).toMatchObject({ status: 200, body: { status: "ok", database: { ok: true } } });
    await proxy.cut();
    const down = await health();
    expect(down).toEqual({ status: 503, body: { status: "unavailable", database: { ok: false } } });
    const detailed = await server.api("/api/health");
    expect(detailed.status).toBe(503);
    expect(await detailed.json()).toMatchObject({ database: { ok: false, error: expect.any(String) } });
    await proxy.restore();
    await eventually(
      async () => ((await health()).status === 200 ? true : undefined),
      30_000,
      "health to recover",
    );
  });

  it("three serve processes fire each reconciliation tick once", async () => {
    const fresh = await freshPostgres();
    cleanups.push(() => fresh.drop());
    const env = {
      DATABASE_URL: fresh.url,
      GITHUB_TOKEN: "schedule-token",
      GITHUB_API_URL: "http://127.0.0.1:9", // never called: nothing is tracked
      GHSYNC_RECONCILE_CRON: "* * * * *",
      GHSYNC_API_TOKEN: "schedule-api-token-123",
    };
    const servers: ChildProcess[] = [];
    for (let i = 0; i < 3; i++) servers.push(spawnCli(["serve", "--port", "0"], env));
    const exits = servers.map((server) => finished(server));
    cleanups.push(async () => {
      for (const server of servers) server.kill("SIGKILL");
    });
    const database = await openDatabase(
      { kind: "postgres", url: fresh.url, poolSize: 2 },
      { migrate: false },
    );
    cleanups.push(() => database.close());
    // A tick is one send of the schedule: pg-boss stamps each with the minute it belongs to
    // (`singleton_on`), whichever process's check sent it. The records' own times cannot tell ticks
    // apart: a tick sent late in its minute is worked in the next one, beside that minute's tick.
    const records = () =>
      queryRows<{ status: string }>(
        database.db,
        sql`select status from sync_jobs where type = 'reconcile' and params->>'trigger' = 'schedule'`,
      );
    const first = await eventually(
      async () => ((await records()).length > 0 ? true : undefined),
      90_000,
      "a tick",
    );
    expect(first).toBe(true);
    await schedulerSettled(database.db);
    expect((await records()).every((row) => row.status === "completed")).toBe(true);
    // A tick is one send of the schedule, whichever process's check made it; pg-boss keeps each
    // with the minute it belongs to. The records' own times cannot tell ticks apart (a tick sent
    // late in its minute is worked in the next one, beside that minute's tick), so each record is
    // counted against the sends; read together, once every send so far has its record (a minute
    // may turn between the two reads).
    const { sent, worked } = await eventually(
      async () => {
        const [row] = await queryRows<{ sent: string | number; worked: string | number }>(
          database.db,
          sql`select (select count(*) from pgboss.job
                       where name = '__pgboss__send-it' and data->>'name' = 'reconcile') as sent,
                     (select count(*) from sync_jobs
                       where type = 'reconcile' and params->>'trigger' = 'schedule') as worked`,
        );
        const counts = { sent: Number(row?.sent), worked: Number(row?.worked) };
        return counts.worked >= counts.sent ? counts : undefined;
      },
      30_000,
      "a record for every tick sent",
    );
    expect(worked, "one record for each tick").toBe(sent);

    for (const server of servers) server.kill("SIGTERM");
    for (const result of await Promise.all(exits)) expect(result.code, result.stderr).toBe(0);
  });
});
