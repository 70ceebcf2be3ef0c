/**
 * Deletions are tombstones, not holes (DESIGN.md, principle 3): the row stays, `deleted_at` says
 * when GitHub lost it, and `updated_at` moves up to that moment so that only strictly newer data
 * (the thing really exists again) can bring it back through an upsert.
 */
import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./database.js";
import { commits, issueComments } from "./schema.js";

type TombstoneTable = PgTable & { deletedAt: PgColumn; id: PgColumn };

/** Marks rows deleted at `at`; returns how many were newly tombstoned. */
export async function markDeleted(
  db: Db,
  table: TombstoneTable,
  ids: readonly number[],
  at: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  const columns = table as unknown as Record<string, PgColumn>;
  const set: Record<string, unknown> = { deletedAt: at };
  if (columns.updatedAt)
    set.updatedAt = sql`greatest(${columns.updatedAt}, ${at.toISOString()}::timestamptz)`;
  const result = await db
    .update(table)
    .set(set)
    .where(and(inArray(table.id, [...ids]), isNull(table.deletedAt)))
    .returning({ id: table.id });
  return result.length;
}

/**
 * After a force-push: commits that are no longer reachable from the default branch are marked
 * `on_default_branch = false` (kept, not deleted: metrics may still explain them).
 */
export async function markCommitsOffBranch(
  db: Db,
  repositoryId: number,
  shas: readonly string[],
  /** Leaves rows written since (by a webhook, while a walk ran): newer than what the walk saw. */
  writtenBefore?: Date,
): Promise<number> {
  if (shas.length === 0) return 0;
  const result = await db
    .update(commits)
    .set({ onDefaultBranch: false, syncedAt: new Date() })
    .where(
      and(
        eq(commits.repositoryId, repositoryId),
        eq(commits.onDefaultBranch, true),
        inArray(commits.sha, [...shas]),
        ...(writtenBefore ? [lt(commits.syncedAt, writtenBefore)] : []),
      ),
    )
    .returning({ sha: commits.sha });
  return result.length;
}

/** An issue transferred to another repository: its comments go with it (GitHub moves them). */
/** Whether the mirror holds the row as deleted (or moved away). */
export async function isTombstoned(db: Db, table: TombstoneTable, id: number): Promise<boolean> {
  const [row] = await db
    .select({ deletedAt: table.deletedAt })
    .from(table as PgTable)
    .where(eq(table.id, id));
  return row !== undefined && row.deletedAt !== null;
}

type CommentPlace = { repositoryId: number; issueNumber: number };

/** Where the mirror holds a comment (repository and issue), if it holds it. */
export async function commentLocation(db: Db, id: number): Promise<CommentPlace | undefined> {
  const [row] = await db
    .select({ repositoryId: issueComments.repositoryId, issueNumber: issueComments.issueNumber })
    .from(issueComments)
    .where(eq(issueComments.id, id));
  return row;
}

/** A comment back under the issue it moved with (a late delivery wrote it at the old place). */
export async function putCommentBack(db: Db, id: number, place: CommentPlace): Promise<void> {
  await db
    .update(issueComments)
    .set({ repositoryId: place.repositoryId, issueNumber: place.issueNumber })
    .where(eq(issueComments.id, id));
}

export async function moveIssueComments(
  db: Db,
  from: { repositoryId: number; number: number },
  to: { repositoryId: number; number: number },
): Promise<void> {
  await db
    .update(issueComments)
    .set({ repositoryId: to.repositoryId, issueNumber: to.number, syncedAt: new Date() })
    .where(
      and(eq(issueComments.repositoryId, from.repositoryId), eq(issueComments.issueNumber, from.number)),
    );
}

/** The live comments of one issue or pull request conversation (GitHub deletes them with an issue). */
export async function liveCommentIds(
  db: Db,
  issue: { repositoryId: number; number: number },
): Promise<number[]> {
  const rows = await db
    .select({ id: issueComments.id })
    .from(issueComments)
    .where(
      and(
        eq(issueComments.repositoryId, issue.repositoryId),
        eq(issueComments.issueNumber, issue.number),
        isNull(issueComments.deletedAt),
      ),
    );
  return rows.map((row) => row.id);
}
