/**
 * Every running job holds a lock for as long as it works: a sync the lock of its repository (so
 * one repository is never synced twice at once), any other job a lock of its own. A running record
 * whose lock is free has lost its worker (kill -9, a lost machine): recover.ts resumes it.
 */
import type { SyncJobRow } from "../store/sync-jobs.js";

export function syncLockKey(repositoryId: number): string {
  return `sync:${repositoryId}`;
}

export function jobLockKey(job: Pick<SyncJobRow, "id" | "type" | "repositoryId">): string {
  return (job.type === "backfill" || job.type === "incremental") && job.repositoryId !== null
    ? syncLockKey(job.repositoryId)
    : `job:${job.id}`;
}
