/**
 * Reconciliation: queue a sync of every tracked repository — incremental for a mirrored one (an
 * ETag poll per list, 0 points when nothing changed), backfill for one whose backfill is not
 * complete. It catches whatever webhooks missed. Fired by the cron schedule or POST /api/sync/reconcile.
 */
import { needsBackfill, trackedRepositories } from "../store/tracking.js";
import { enqueueSync } from "./enqueue.js";
import { runMaintenanceJob } from "./maintenance-job.js";
import type { WorkerEnv } from "./sync-job.js";

export async function runReconcileJob(
  env: WorkerEnv,
  queueJobId: string,
  syncJobId: number | undefined,
): Promise<void> {
  const db = env.database.db;
  await runMaintenanceJob(env, queueJobId, syncJobId, "reconcile", async () => {
    const tracked = await trackedRepositories(db);
    let queued = 0;
    for (const repo of tracked) {
      const type = (await needsBackfill(db, repo.id)) ? "backfill" : "incremental";
      const { joined } = await enqueueSync({ db, queue: env.queue }, { type, repositoryId: repo.id });
      if (!joined) queued++;
    }
    return { repositories: tracked.length, queued };
  });
}
