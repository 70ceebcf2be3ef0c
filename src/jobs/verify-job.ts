/**
 * The `verify` job (DESIGN.md, Contract): `ghsync verify` run by a worker — for the repositories
 * or organization its record names, or every tracked repository (the schedule, GHSYNC_VERIFY_CRON).
 * Its record keeps the report (`params.report`), and what it spent.
 */
import { trackedRepositories } from "../store/tracking.js";
import { Progress } from "../sync/progress.js";
import { runVerify } from "../sync/run-verify.js";
import { parseJobParams } from "./job-params.js";
import { runMaintenanceJob } from "./maintenance-job.js";
import type { WorkerEnv } from "./sync-job.js";
import { loadJob } from "../store/sync-jobs.js";

export async function runVerifyJob(
  env: WorkerEnv,
  queueJobId: string,
  syncJobId: number | undefined,
): Promise<void> {
  const db = env.database.db;
  await runMaintenanceJob(env, queueJobId, syncJobId, "verify", async (meter) => {
    const record = syncJobId === undefined ? undefined : await loadJob(db, syncJobId);
    const params = record ? parseJobParams(record, "verify") : {};
    const named = params.repositories ?? [];
    const repositories =
      named.length > 0 || params.org ? named : (await trackedRepositories(db)).map((repo) => repo.fullName);
    const client = env.github.fork({ signal: env.shutdown, maxWaitMs: env.maxWaitMs ?? 30_000 });
    meter.tally = () => ({ counts: {}, ...client.counters });
    const report = await runVerify(
      { db, client, log: env.log, progress: new Progress() },
      { repositories, org: params.org },
    );
    // Under its own key: the record's params name the repositories the job was asked for.
    return { report };
  });
}
