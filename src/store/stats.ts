/**
 * Counts of the mirror, with the keys of the sync summary. Tombstoned rows and commits no longer
 * on the default branch are excluded. `count(*)` is a bigint, which node-postgres reads as a
 * string: made a number here, at the store boundary.
 */
import type { MirrorCounts } from "../contract/repositories.js";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./database.js";
import { queryRows } from "./raw-query.js";
import { COUNTED_KEYS, COUNTED_ROWS } from "./counted-rows.js";
import { notHidden } from "./hidden-repositories.js";

export interface StatsFilter {
  /** OWNER/REPO names (case-insensitive). */
  repositories?: string[];
  org?: string;
  /** Repositories left out: private ones the viewer may not see (store/hidden-repositories.ts). */
  hidden?: readonly number[];
}

export async function mirrorCounts(db: Db, filter: StatsFilter = {}): Promise<MirrorCounts> {
  const conditions: SQL[] = [sql`r.deleted_at is null`, notHidden(sql`r.id`, filter.hidden ?? [])];
  if (filter.org) conditions.push(sql`lower(r.owner) = lower(${filter.org})`);
  if (filter.repositories?.length) {
    const names = filter.repositories.map((name) => name.toLowerCase());
    conditions.push(
      sql`lower(r.full_name) in (${sql.join(
        names.map((name) => sql`${name}`),
        sql`, `,
      )})`,
    );
  }
  const scope = sql.join(conditions, sql` and `);
  const repos = sql`(select id from repositories r where ${scope})`;
  const counted = COUNTED_KEYS.map(
    (key) =>
      sql`(select count(*) from ${COUNTED_ROWS[key].table} where repository_id in ${repos} and ${COUNTED_ROWS[key].live}) as ${sql.raw(key)}`,
  );
  const [row] = await queryRows<Record<keyof MirrorCounts, string>>(
    db,
    sql`select (select count(*) from repositories r where ${scope}) as repositories, ${sql.join(counted, sql`, `)}`,
  );
  if (!row) throw new Error("count query returned no row");
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, Number(value)]),
  ) as unknown as MirrorCounts;
}
