/**
 * Deleting what the mirror holds of one repository (`untrack --purge`): its commits, pull
 * requests, reviews, issues, comments, contributors and delivery data, its checkpoints and the ETags of its
 * URLs (kept, they would make a later backfill see "304, nothing changed" and fetch nothing).
 * The repository's own row stays, untracked, so job history and goals still name it.
 */
import { eq, sql } from "drizzle-orm";
import { queryRows } from "./raw-query.js";
import type { Db } from "./database.js";
import { syncCheckpoints } from "./schema.js";
import type { RowCounts } from "../contract/common.js";
import { COUNTED_KEYS, COUNTED_ROWS } from "./counted-rows.js";

/** The rows deleted, with the keys of `ghsync stats`. */
export type PurgedCounts = RowCounts;

/** Rows of the repository that are not counted apart (children of counted rows). */
const UNCOUNTED_TABLES = [
  sql`workflow_jobs`,
  sql`check_suites`,
  sql`deployment_statuses`,
  sql`pull_request_events`,
];

/** A LIKE pattern that matches `text` literally. */
const literal = (text: string) => text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

export async function purgeRepository(db: Db, repositoryId: number, fullName: string): Promise<PurgedCounts> {
  return db.transaction(async (tx) => {
    const counts: Record<string, number> = {};
    for (const key of COUNTED_KEYS) {
      // Every row of the repository goes, tombstoned ones too; the count is of all of them.
      const deleted = await queryRows(
        tx,
        sql`delete from ${COUNTED_ROWS[key].table} where repository_id = ${repositoryId} returning 1`,
      );
      counts[key] = deleted.length;
    }
    for (const table of UNCOUNTED_TABLES)
      await tx.execute(sql`delete from ${table} where repository_id = ${repositoryId}`);
    await tx.delete(syncCheckpoints).where(eq(syncCheckpoints.repositoryId, repositoryId));
    const path = `/repos/${literal(fullName)}`;
    await tx.execute(
      sql`delete from etags where lower(url) like ${`%${path}`} or lower(url) like ${`%${path}/%`} or lower(url) like ${`%${path}?%`}`,
    );
    return counts as unknown as PurgedCounts;
  });
}
