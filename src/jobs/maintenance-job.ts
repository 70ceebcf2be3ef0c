/**
 * The frame of a job that is not a repository sync (reconcile, redelivery sweep): its record
 * (created here for a cron tick, which has none yet), its own lock while it runs (so the recovery
 * sweep can tell a dead worker's job), and the outcome written to the record.
 */
import {
  attachQueueJob,
  claimJob,
  finishJob,
  insertJob,
  type JobTally,
  type SyncJobRow,
} from "../store/sync-jobs.js";
import { carryOver } from "./enqueue.js";
import { classifyFailure } from "./classify-failure.js";
import { parseJobParams } from "./job-params.js";
import { jobLockKey } from "./locks.js";
import type { WorkerEnv } from "./sync-job.js";

/**
 * What a maintenance job needs of its worker (the sync jobs' WorkerEnv has it all); the queue only
 * for a job that may stop and resume later.
 */
export type MaintenanceEnv = Pick<WorkerEnv, "database" | "log" | "worker"> &
  Partial<Pick<WorkerEnv, "queue">>;

export interface MaintenanceMeter {
  /** What the work spent so far (requests, points), recorded whether it succeeds or fails. */
  tally?: () => JobTally;
  /**
   * Set by work that stopped before its end on purpose (a verification's budget): the record
   * waits until `at` and runs again, with `result` merged into its params to say where it stopped.
   */
  resumeLater?: { at: Date; reason: string };
}

export async function runMaintenanceJob(
  env: MaintenanceEnv,
  queueJobId: string,
  syncJobId: number | undefined,
  type: "reconcile" | "redelivery_sweep" | "metric_snapshots" | "verify",
  work: (meter: MaintenanceMeter, job: SyncJobRow) => Promise<Record<string, unknown>>,
): Promise<void> {
  const db = env.database.db;
  let id = syncJobId;
  if (id === undefined) {
    // A cron tick: its record starts here.
    const { job } = await insertJob(db, { type, priority: 0, params: { trigger: "schedule" } });
    await attachQueueJob(db, job.id, queueJobId);
    id = job.id;
  }
  const lock = await env.database.tryLock(jobLockKey({ id, type, repositoryId: null }));
  if (!lock) return;
  try {
    const job = await claimJob(db, id, queueJobId, env.worker, undefined);
    if (!job) return;
    const meter: MaintenanceMeter = {};
    try {
      // A record of another type, or with params that do not parse, fails here, before any work.
      parseJobParams(job, type);
      const result = await work(meter, job);
      const tally = meter.tally ? { tally: meter.tally() } : {};
      if (meter.resumeLater) await resumeLater(env, job, meter.resumeLater, result, tally);
      else await finishJob(db, job, { status: "completed", result, ...tally });
    } catch (error) {
      // Not carried over, whatever the failure: the next tick (or request) runs it again.
      env.log.error({ err: error, job: job.id }, `${type} failed`);
      await finishJob(db, job, {
        status: "failed",
        error: classifyFailure(error).message,
        ...(meter.tally ? { tally: meter.tally() } : {}),
      });
    }
  } finally {
    await lock.release();
  }
}

async function resumeLater(
  env: MaintenanceEnv,
  job: SyncJobRow,
  later: { at: Date; reason: string },
  result: Record<string, unknown>,
  tally: { tally?: JobTally },
): Promise<void> {
  if (!env.queue) throw new Error(`a ${job.type} job cannot resume later without the queue`);
  await carryOver({ db: env.database.db, queue: env.queue }, job, {
    status: "waiting",
    reason: later.reason,
    resumeAt: later.at,
    result,
    ...tally,
  });
}
