/**
 * Reconciliation: queue a sync of every tracked repository — incremental for a mirrored one (an
 * ETag poll per list, 0 points when nothing changed), backfill for one whose backfill is not
 * complete. It catches whatever webhooks missed. Fired by the cron schedule or POST /api/sync/reconcile.
 */
import { attachQueueJob, claimJob, finishJob, insertJob } from "../store/sync-jobs.js";
import { needsBackfill, trackedRepositories } from "../store/tracking.js";
import { enqueueSync } from "./enqueue.js";
import { jobLockKey } from "./locks.js";
import type { WorkerEnv } from "./sync-job.js";

export async function runReconcileJob(
  env: WorkerEnv,
  queueJobId: string,
  syncJobId: number | undefined,
): Promise<void> {
  const db = env.database.db;
  let id = syncJobId;
  if (id === undefined) {
    // A cron tick: its record starts here.
    const { job } = await insertJob(db, { type: "reconcile", priority: 0, params: { trigger: "schedule" } });
    await attachQueueJob(db, job.id, queueJobId);
    id = job.id;
  }
  const lock = await env.database.tryLock(jobLockKey({ id, type: "reconcile", repositoryId: null }));
  if (!lock) return;
  try {
    const job = await claimJob(db, id, queueJobId, env.worker, undefined);
    if (!job) return;
    try {
      const tracked = await trackedRepositories(db);
      let queued = 0;
      for (const repo of tracked) {
        const type = (await needsBackfill(db, repo.id)) ? "backfill" : "incremental";
        const { joined } = await enqueueSync({ db, queue: env.queue }, { type, repositoryId: repo.id });
        if (!joined) queued++;
      }
      await finishJob(db, job, { status: "completed", result: { repositories: tracked.length, queued } });
    } catch (error) {
      env.log.error({ err: error }, "reconciliation failed");
      await finishJob(db, job, {
        status: "failed",
        error: error instanceof Error ? error.message : String(error),
      });
    }
  } finally {
    await lock.release();
  }
}
