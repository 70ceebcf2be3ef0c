/**
 * When data last arrived for repositories (issue 19: the dashboard's "last synced" said when a
 * sync last ran, not when anything came in): the newest mirrored row written — `synced_at` moves
 * only when a row changes (upsert.ts) — or the newest webhook delivery applied to them.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./database.js";
import { COUNTED_KEYS, COUNTED_ROWS } from "./counted-rows.js";
import { queryRows } from "./raw-query.js";

/** The newest arrival per repository among `repositories` (a subquery of ids). */
export async function lastUpdatedPerRepository(db: Db, repositories: SQL): Promise<Map<number, Date>> {
  const parts = COUNTED_KEYS.map(
    (key) =>
      sql`select repository_id, max(synced_at) as at from ${COUNTED_ROWS[key].table}
        where repository_id in ${repositories} group by 1`,
  );
  parts.push(sql`select repository_id, max(coalesce(processed_at, received_at)) as at from webhook_deliveries
    where status = 'processed' and repository_id in ${repositories} group by 1`);
  const rows = await queryRows<{ repository_id: string; at: string | Date }>(
    db,
    sql`select repository_id, max(at) as at from (${sql.join(parts, sql` union all `)}) arrivals group by 1`,
  );
  return new Map(rows.map((row) => [Number(row.repository_id), new Date(row.at)]));
}

/** The newest arrival in one repository, or (null) in any tracked one. */
export async function lastUpdatedAt(db: Db, repositoryId: number | null): Promise<Date | null> {
  const ids =
    repositoryId === null
      ? sql`(select id from repositories where tracked and deleted_at is null)`
      : sql`(${repositoryId})`;
  let newest: Date | null = null;
  for (const at of (await lastUpdatedPerRepository(db, ids)).values())
    if (!newest || at > newest) newest = at;
  return newest;
}
