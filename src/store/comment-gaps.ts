/**
 * Issues whose comments the mirror should hold in full and does not: GitHub counts an issue's
 * comments (`comments`), and within the synced depth — the whole history, or issues opened since
 * `since` (their comments are all newer) — every one of them should be mirrored.
 */
import { sql } from "drizzle-orm";
import type { Db } from "./database.js";
import { queryRows } from "./raw-query.js";

export async function issuesMissingComments(
  db: Db,
  repositoryId: number,
  since: Date | null,
  limit: number,
): Promise<number[]> {
  const rows = await queryRows<{ number: number }>(
    db,
    sql`select i.number
          from issues i join repositories r on r.id = i.repository_id
         where i.repository_id = ${repositoryId}
           and i.deleted_at is null
           and i.comments_count > 0
           and (r.sync_depth = 'full' or ${since === null} or i.created_at >= ${since ?? new Date(0)})
           and i.comments_count > (select count(*) from issue_comments c
                                    where c.repository_id = i.repository_id
                                      and c.issue_number = i.number
                                      and c.deleted_at is null)
         order by i.updated_at desc
         limit ${limit}`,
  );
  return rows.map((row) => Number(row.number));
}
