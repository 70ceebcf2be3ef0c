/** Read and advance `sync_checkpoints`; callers advance them inside the transaction of the rows they cover. */
import { and, eq, like, or, sql } from "drizzle-orm";
import type { Db } from "./database.js";
import { deployments, etags, pullRequests, syncCheckpoints, workflowRuns } from "./schema.js";

export type Checkpoint = typeof syncCheckpoints.$inferSelect;
export type CheckpointChange = Partial<Omit<Checkpoint, "repositoryId" | "entity" | "updatedAt">>;

export async function loadCheckpoint(
  db: Db,
  repositoryId: number,
  entity: string,
): Promise<Checkpoint | undefined> {
  const rows = await db
    .select()
    .from(syncCheckpoints)
    .where(and(eq(syncCheckpoints.repositoryId, repositoryId), eq(syncCheckpoints.entity, entity)));
  return rows[0];
}

export async function saveCheckpoint(
  db: Db,
  repositoryId: number,
  entity: string,
  change: CheckpointChange,
): Promise<void> {
  const values = { ...change, updatedAt: new Date() };
  await db
    .insert(syncCheckpoints)
    .values({ repositoryId, entity, ...values })
    .onConflictDoUpdate({ target: [syncCheckpoints.repositoryId, syncCheckpoints.entity], set: values });
}

/**
 * Only the cursor (`updated_at` kept: collectors read it as when the last whole pass ended), for a
 * cursor that must be committed with what it describes, before the pass ends.
 */
export async function saveCheckpointCursor(
  db: Db,
  repositoryId: number,
  entity: string,
  cursor: string | null,
): Promise<void> {
  await db
    .insert(syncCheckpoints)
    .values({ repositoryId, entity, cursor })
    .onConflictDoUpdate({ target: [syncCheckpoints.repositoryId, syncCheckpoints.entity], set: { cursor } });
}

export async function loadEtag(db: Db, url: string): Promise<string | undefined> {
  const rows = await db.select({ etag: etags.etag }).from(etags).where(eq(etags.url, url));
  return rows[0]?.etag;
}

export async function saveEtag(db: Db, url: string, etag: string | undefined): Promise<void> {
  if (etag === undefined) return;
  await db
    .insert(etags)
    .values({ url, etag })
    .onConflictDoUpdate({ target: etags.url, set: { etag, updatedAt: new Date() } });
}

/**
 * Forgets what says a repository was read (`ghsync sync --refetch`): its checkpoints restart as a
 * backfill (resumable like any), its stored ETags go, and every pull request's reviews and details,
 * every workflow run's jobs and every deployment's statuses count as unread. The mirrored rows stay; the next sync re-reads them all from GitHub.
 */
export async function forgetReadState(db: Db, repo: { id: number; fullName: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(syncCheckpoints)
      .set({ cursor: null, backfillComplete: false, itemsDone: 0, itemsTotal: null, updatedAt: new Date() })
      .where(eq(syncCheckpoints.repositoryId, repo.id));
    // ETags are stored by URL: the repository's own URLs (by name, either case, and by id).
    await tx
      .delete(etags)
      .where(
        or(
          like(sql`lower(${etags.url})`, `%/repos/${repo.fullName.toLowerCase()}/%`),
          like(sql`lower(${etags.url})`, `%/repos/${repo.fullName.toLowerCase()}`),
          like(sql`lower(${etags.url})`, `%/repos/${repo.fullName.toLowerCase()}?%`),
          like(etags.url, `%/repositories/${repo.id}/%`),
        ),
      );
    await tx
      .update(pullRequests)
      .set({ reviewsSyncedFor: null, detailsSyncedFor: null })
      .where(eq(pullRequests.repositoryId, repo.id));
    await tx.update(workflowRuns).set({ jobsSyncedFor: null }).where(eq(workflowRuns.repositoryId, repo.id));
    await tx
      .update(deployments)
      .set({ statusesSyncedFor: null })
      .where(eq(deployments.repositoryId, repo.id));
  });
}
