/**
 * The `verify` job (DESIGN.md, Contract): `ghsync verify` run by a worker — for the repositories
 * or organization its record names, or every tracked repository (the schedule, GHSYNC_VERIFY_CRON).
 * It spends at most its share of the credentials' hourly points (GHSYNC_VERIFY_BUDGET) an hour:
 * once spent, it stops after the repository at hand and waits an hour, its record keeping the
 * repositories that remain and the report so far. Its record keeps the report (`params.report`).
 */
import { trackedRepositories } from "../store/tracking.js";
import { Progress } from "../sync/progress.js";
import { runVerify, type VerifyReport } from "../sync/run-verify.js";
import { systemClock } from "../util/clock.js";
import { parseJobParams } from "./job-params.js";
import { runMaintenanceJob } from "./maintenance-job.js";
import type { WorkerEnv } from "./sync-job.js";
import type { Db } from "../store/database.js";
import { jobsWithStatus } from "../store/sync-jobs.js";

/** The window a credential's hourly budget spans: a run that spent its share resumes after it. */
const BUDGET_WINDOW_MS = 3_600_000;

export async function runVerifyJob(
  env: WorkerEnv,
  queueJobId: string,
  syncJobId: number | undefined,
): Promise<void> {
  const db = env.database.db;
  await runMaintenanceJob(env, queueJobId, syncJobId, "verify", async (meter, record) => {
    const params = parseJobParams(record, "verify");
    const underWay = await verificationUnderWay(db, record.id);
    if (params.trigger === "schedule" && params.remaining == null && underWay !== undefined)
      // A tick while an earlier verification still works through its budget: that one goes on.
      return { skipped: `verification job ${underWay} is still under way` };
    const named = params.repositories ?? [];
    const repositories =
      params.remaining ??
      (named.length > 0 || params.org ? named : (await trackedRepositories(db)).map((repo) => repo.fullName));
    const client = env.github.fork({ signal: env.shutdown, maxWaitMs: env.maxWaitMs ?? 30_000 });
    meter.tally = () => ({ counts: {}, ...client.counters });
    const share = env.verifyBudgetShare ?? 0.1;
    const hourly = env.github.pool.hourlyPoints();
    const budgetPoints = Math.floor(share * hourly);
    const { report, remaining } = await runVerify(
      { db, client, log: env.log, progress: new Progress() },
      { repositories, org: params.remaining ? undefined : params.org },
      { budgetPoints },
    );
    const total = params.report ? addReports(params.report, report) : report;
    if (remaining.length > 0) {
      const at = new Date((env.clock ?? systemClock).now() + BUDGET_WINDOW_MS);
      meter.resumeLater = {
        at,
        reason: `verification budget spent (${Number((share * 100).toFixed(2))}% of ${hourly} points an hour): ${remaining.length} repositories remain`,
      };
      return { report: total, remaining };
    }
    // Under its own key: the record's params name the repositories the job was asked for.
    return { report: total, remaining: null };
  });
}

/** Another verification queued, waiting for its next hour or running: its id. */
async function verificationUnderWay(db: Db, own: number): Promise<number | undefined> {
  const pending = await jobsWithStatus(db, ["queued", "waiting", "running"]);
  return pending.find((job) => job.type === "verify" && job.id !== own)?.id;
}

function addReports(before: VerifyReport, after: VerifyReport): VerifyReport {
  const sum = { ...before };
  for (const key of Object.keys(after) as (keyof VerifyReport)[]) sum[key] = before[key] + after[key];
  return sum;
}
