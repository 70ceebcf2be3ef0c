/**
 * The daily `metric_snapshots` job (cron GHSYNC_SNAPSHOT_CRON, UTC): writes yesterday's snapshots
 * (metrics/snapshots.ts). It reads only the database, so it runs without GitHub credentials.
 */
import { writeDailySnapshots } from "../metrics/snapshots.js";
import { runMaintenanceJob, type MaintenanceEnv } from "./maintenance-job.js";

export async function runMetricSnapshotsJob(
  env: MaintenanceEnv,
  botLogins: string[],
  queueJobId: string,
  syncJobId: number | undefined,
): Promise<void> {
  await runMaintenanceJob(env, queueJobId, syncJobId, "metric_snapshots", async () => {
    const result = await writeDailySnapshots(env.database.db, { botLogins });
    return { ...result };
  });
}
