/**
 * Putting work on the queue always goes through here: the `sync_jobs` record first (so it exists
 * from the moment the job is queued), then the queue job that carries it. A crash between the two
 * leaves a record without a carrier, which the recovery sweep sends again.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../store/database.js";
import { attachQueueJob, insertJob, requeueJob, type SyncJobRow } from "../store/sync-jobs.js";
import type { SyncParams } from "./job-params.js";
import { PRIORITY, queueOf, type JobQueue } from "./queue.js";

export interface QueueAccess {
  db: Db;
  queue: JobQueue;
}

export interface SyncRequest {
  type: "backfill" | "incremental";
  repositoryId?: number;
  /** OWNER/REPO to resolve when the repository is not mirrored yet. */
  target?: string;
  params?: SyncParams;
}

/** Queues a sync of one repository, or joins its pending one. */
export async function enqueueSync(
  access: QueueAccess,
  request: SyncRequest,
): Promise<{ job: SyncJobRow; joined: boolean }> {
  const priority = PRIORITY[request.type];
  const { job, joined } = await insertJob(access.db, { ...request, priority });
  if (!joined || job.queueJobId === null) await carry(access, job, priority);
  return { job, joined };
}

/** Queues a reconciliation (an incremental sync of every tracked repository). */
export async function enqueueReconcile(access: QueueAccess, trigger: "startup" | "api"): Promise<SyncJobRow> {
  const { job } = await insertJob(access.db, { type: "reconcile", priority: 0, params: { trigger } });
  return { ...job, queueJobId: await carry(access, job) };
}

/** Queues a verification of the repositories named, an organization's, or (none) the tracked ones. */
export async function enqueueVerify(
  access: QueueAccess,
  params: { repositories?: string[]; org?: string; trigger: "api" },
): Promise<SyncJobRow> {
  const { job } = await insertJob(access.db, { type: "verify", priority: 0, params });
  return { ...job, queueJobId: await carry(access, job) };
}

/**
 * Sends a queue job for a pending record (not before `startAfter`, when given). The carrier's id
 * is recorded before the send, so a worker that takes the job at once already finds it.
 */
export async function carry(
  access: QueueAccess,
  job: SyncJobRow,
  priority = job.priority,
  startAfter?: Date,
): Promise<string> {
  const queueJobId = randomUUID();
  await attachQueueJob(access.db, job.id, queueJobId);
  await access.queue.send(queueOf(job.type), { syncJobId: job.id }, { id: queueJobId, priority, startAfter });
  return queueJobId;
}

/**
 * Hands a record back to the queue to run again later (rate-limit reset, shutdown, repository
 * busy, crashed worker, a retryable failure); its counts so far are kept. False when the record
 * is no longer in the state `job` shows (it moved on meanwhile): nothing is done then.
 */
export async function carryOver(
  access: QueueAccess,
  job: SyncJobRow,
  next: Parameters<typeof requeueJob>[2],
): Promise<boolean> {
  const updated = await requeueJob(access.db, job, next);
  if (updated) await carry(access, updated, updated.priority, next.resumeAt);
  return updated !== undefined;
}
