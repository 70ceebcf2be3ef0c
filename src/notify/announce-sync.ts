/**
 * `sync.completed`: when a backfill finishes, every user who wants these (users.notify_sync, on by
 * default) gets one notification with the repository, the rows imported per entity, the duration
 * and the requests spent — once per (job, user): dedupe key `sync:<job id>:<user id>`. Incremental
 * syncs and reconciliations are routine and announce nothing.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../store/database.js";
import { insertNotification } from "../store/notifications.js";
import { users } from "../store/schema.js";
import type { SyncJobRow } from "../store/sync-jobs.js";

export interface SyncCompletedData extends Record<string, unknown> {
  job_id: number;
  repository: string;
  counts: Record<string, number>;
  duration_ms: number;
  requests: number;
  points_used: number;
}

export function syncCompletedData(job: SyncJobRow, repository: string): SyncCompletedData {
  const started = job.startedAt ?? job.queuedAt;
  return {
    job_id: job.id,
    repository,
    counts: job.counts,
    duration_ms: Math.max(0, (job.finishedAt ?? new Date()).getTime() - started.getTime()),
    requests: job.requests,
    points_used: job.pointsUsed,
  };
}

/** The entities in the order people read them (jsonb keeps its own key order). */
const ENTITIES = ["commits", "pull_requests", "reviews", "issues", "comments", "contributors"];

export function syncCompletedText(data: SyncCompletedData): { title: string; body: string } {
  const imported = ENTITIES.filter((entity) => data.counts[entity] !== undefined)
    .map((entity) => `${data.counts[entity]} ${entity.replaceAll("_", " ")}`)
    .join(", ");
  return {
    title: `Backfill of ${data.repository} finished`,
    body: `Imported ${imported || "nothing new"} in ${(data.duration_ms / 1_000).toFixed(1)} s (${data.requests} GitHub requests).`,
  };
}

/** Writes the notifications of a completed backfill; returns how many are new. */
export async function announceSyncCompleted(db: Db, job: SyncJobRow, repository: string): Promise<number> {
  if (job.type !== "backfill" || job.status !== "completed") return 0;
  const data = syncCompletedData(job, repository);
  const text = syncCompletedText(data);
  const recipients = await db.select({ id: users.id }).from(users).where(eq(users.notifySync, true));
  let written = 0;
  for (const user of recipients) {
    const id = await insertNotification(db, {
      userId: user.id,
      kind: "sync.completed",
      ...text,
      data,
      dedupeKey: `sync:${job.id}:${user.id}`,
    });
    if (id !== undefined) written++;
  }
  return written;
}
