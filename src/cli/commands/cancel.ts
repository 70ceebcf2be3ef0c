/** `ghsync cancel JOB_ID [--json]`: cancels a queued or waiting job, as POST /api/sync/jobs/:id/cancel does. */
import { cancelJob } from "../../app/cancel-job.js";
import { jobView, listJobs } from "../../store/sync-jobs.js";
import { withRuntime } from "../open-runtime.js";
import { printResult } from "../output.js";

export async function runCancel(id: number, flags: { json?: boolean }): Promise<void> {
  await withRuntime(async ({ database: { db } }) => {
    await cancelJob(db, id);
    const [job] = await listJobs(db, { id, limit: 1 });
    const view = job ? jobView(job) : undefined;
    printResult(flags.json, view, () => [
      `cancelled job #${id} (${view?.type} ${view?.repository ?? ""})`.trim(),
    ]);
  });
}
