/**
 * The same delivery data by webhook and by sync: a deploy, a release and a re-run made on the
 * emulator, their deliveries (workflow_run, workflow_job, check_suite, check_run, deployment,
 * deployment_status, release) applied by `serve`, give the rows a sync of the repository writes.
 */
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Database, Db } from "../../src/store/database.js";
import {
  checkRuns,
  deploymentStatuses,
  deployments,
  releases,
  workflowJobs,
  workflowRuns,
} from "../../src/store/schema.js";
import { parseDepth } from "../../src/sync/depth.js";
import { Progress } from "../../src/sync/progress.js";
import { runSync } from "../../src/sync/run-sync.js";
import { freshDatabase } from "../helpers/databases.js";
import { settled, startTestServer, type TestServer } from "../helpers/server-harness.js";
import { silentLog, testClient } from "../helpers/sync-harness.js";
import { startWebhookRelay, type WebhookRelay } from "../helpers/webhook-relay.js";

const SECRET = "delivery-sync-secret";
/** Now, to the second (jobs are read for runs of the last 30 days of ghsync's clock). */
const STANDSTILL = Math.floor(Date.now() / 1000) * 1000;
/** Local bookkeeping, not GitHub's data: when and for what a row was read. */
const LOCAL = new Set([
  "syncedAt",
  "jobsSyncedFor",
  "statusesSyncedFor",
  // Not in a release payload: the next sync reads it from /tags (collect-releases.ts).
  "tagSha",
]);

type Row = Record<string, unknown>;
/** Live rows without the local columns (a tombstone one mirror holds and the other never saw are alike). */
const comparable = (rows: Row[]) =>
  rows
    .filter((row) => !row.deletedAt)
    .map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => !LOCAL.has(key))))
    .sort((a, b) => Number(a.id) - Number(b.id));

async function rowsOf(db: Db, table: PgTable): Promise<Row[]> {
  return comparable((await db.select().from(table)) as Row[]);
}

const syncRepository = (db: Db, emulator: RunningEmulator, fullName: string) =>
  runSync(
    { db, client: testClient(emulator.url), log: silentLog, progress: new Progress() },
    { repositories: [fullName], depth: parseDepth("full") },
  );

describe("delivery data by webhook and by sync", () => {
  let relay: WebhookRelay;
  let emulator: RunningEmulator;
  let server: TestServer;
  let synced: Database;
  beforeAll(async () => {
    relay = await startWebhookRelay();
    emulator = await startEmulator({
      port: 0,
      seed: 11,
      repos: 1,
      scale: "small",
      // GitHub's clock stands still: what the deliveries say and what the API answers are of one moment.
      clock: () => STANDSTILL,
      webhook: { url: relay.url, secret: SECRET },
    });
    server = await startTestServer({
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: "delivery-webhook-token",
      GITHUB_WEBHOOK_SECRET: SECRET,
    });
    synced = await freshDatabase();
  });
  afterAll(async () => {
    await server?.close();
    await synced?.close();
    await emulator?.close();
    await relay?.close();
  });

  it("applies the deliveries of a deploy, a release and a re-run as the rows a sync writes", async () => {
    const [repo] = emulator.admin.repositories();
    if (!repo) throw new Error("expected a repository");
    // The mirror `serve` keeps: synced once, then kept current by webhooks alone.
    await syncRepository(server.database.db, emulator, repo.full_name);
    await emulator.admin.flushWebhooks();
    relay.take();
    const runs = (await (
      await fetch(`${emulator.url}/repos/${repo.full_name}/actions/runs?status=completed&per_page=1`, {
        headers: { authorization: "token walker" },
      })
    ).json()) as { workflow_runs: { id: number }[] };
    const finished = runs.workflow_runs[0];
    if (!finished) throw new Error("expected a finished run");
    emulator.admin.rerunWorkflowRun(repo.full_name, finished.id);
    emulator.admin.deploy(repo.full_name, { environment: "production" });
    emulator.admin.createRelease(repo.full_name, {});
    await emulator.admin.flushWebhooks();
    const deliveries = relay.take();
    const events = new Set(deliveries.map((d) => String(d.headers["x-github-event"])));
    for (const event of ["workflow_run", "deployment", "deployment_status", "release"])
      expect(events, event).toContain(event);
    await relay.forward(`${server.url}/webhooks/github`, deliveries);
    await settled(server.database.db, "the deliveries");

    await syncRepository(synced.db, emulator, repo.full_name);

    // The mirror kept by webhooks reads as a sync made now, row for row.
    const tables = { workflowRuns, workflowJobs, checkRuns, deployments, deploymentStatuses, releases };
    // Jobs of a run's earlier attempt stay where they were seen (collect-workflow-jobs.ts); a sync
    // made now lists the latest attempt's: those are compared.
    const attempts = new Map(
      (await synced.db.select().from(workflowRuns)).map((run) => [run.id, run.runAttempt]),
    );
    const latest = (rows: Row[]) =>
      rows.filter((job) => attempts.get(job.runId as number) === (job.runAttempt as number));
    for (const [name, table] of Object.entries(tables)) {
      const only = name === "workflowJobs" ? latest : (rows: Row[]) => rows;
      const fromSync = only(await rowsOf(synced.db, table));
      expect(fromSync.length, name).toBeGreaterThan(0);
      expect(only(await rowsOf(server.database.db, table)), name).toEqual(fromSync);
    }
  });
});
