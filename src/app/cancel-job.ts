/**
 * Cancelling a job that has not started: a queued or waiting record becomes `cancelled`, and the
 * queue job carrying it finds it so and does nothing (claims need queued or waiting). A running
 * job is not cancelled (its work stops at a request boundary only on shutdown): 409.
 */
import type { Db } from "../store/database.js";
import { cancelPending, loadJob, type SyncJobRow } from "../store/sync-jobs.js";
import { GhsyncError } from "../util/errors.js";

export async function cancelJob(db: Db, id: number): Promise<SyncJobRow> {
  const [cancelled] = await cancelPending(db, { jobId: id }, "cancelled on request");
  if (cancelled) return cancelled;
  const job = await loadJob(db, id);
  if (!job) throw new GhsyncError("not_found", `no job ${id}`, { status: 404 });
  throw new GhsyncError(
    "not_cancellable",
    `job ${id} is ${job.status}: only queued and waiting jobs can be cancelled`,
    { status: 409 },
  );
}
