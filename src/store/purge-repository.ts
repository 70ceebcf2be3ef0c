/**
 * Deleting what the mirror holds of one repository (`untrack --purge`): its commits, pull
 * requests, reviews, issues, comments and contributors, its checkpoints and the ETags of its
 * URLs (kept, they would make a later backfill see "304, nothing changed" and fetch nothing).
 * The repository's own row stays, untracked, so job history and goals still name it.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "./database.js";
import {
  commits,
  contributors,
  issueComments,
  issues,
  pullRequestReviews,
  pullRequests,
  syncCheckpoints,
} from "./schema.js";
import type { RowCounts } from "../contract/common.js";

/** The rows deleted, with the keys of `ghsync stats`. */
export type PurgedCounts = RowCounts;

const TABLES = {
  commits,
  pull_requests: pullRequests,
  reviews: pullRequestReviews,
  issues,
  comments: issueComments,
  contributors,
} as const;

/** A LIKE pattern that matches `text` literally. */
const literal = (text: string) => text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

export async function purgeRepository(db: Db, repositoryId: number, fullName: string): Promise<PurgedCounts> {
  return db.transaction(async (tx) => {
    const counts: Record<string, number> = {};
    for (const [key, table] of Object.entries(TABLES)) {
      const deleted = await tx
        .delete(table)
        .where(eq(table.repositoryId, repositoryId))
        .returning({ id: sql`1` });
      counts[key] = deleted.length;
    }
    await tx.delete(syncCheckpoints).where(eq(syncCheckpoints.repositoryId, repositoryId));
    const path = `/repos/${literal(fullName)}`;
    await tx.execute(
      sql`delete from etags where lower(url) like ${`%${path}`} or lower(url) like ${`%${path}/%`} or lower(url) like ${`%${path}?%`}`,
    );
    return counts as unknown as PurgedCounts;
  });
}
