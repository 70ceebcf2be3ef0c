/**
 * Counts of the mirror, with the keys of the sync summary. Tombstoned rows and commits no longer
 * on the default branch are excluded. `count(*)` is a bigint, which node-postgres reads as a
 * string: made a number here, at the store boundary.
 */
import type { MirrorCounts } from "../contract/repositories.js";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./database.js";
import { queryRows } from "./raw-query.js";

export interface StatsFilter {
  /** OWNER/REPO names (case-insensitive). */
  repositories?: string[];
  org?: string;
}

export async function mirrorCounts(db: Db, filter: StatsFilter = {}): Promise<MirrorCounts> {
  const conditions: SQL[] = [sql`r.deleted_at is null`];
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
  const [row] = await queryRows<Record<keyof MirrorCounts, string>>(
    db,
    sql`
    select
      (select count(*) from repositories r where ${scope}) as repositories,
      (select count(*) from commits where repository_id in ${repos} and on_default_branch) as commits,
      (select count(*) from pull_requests where repository_id in ${repos} and deleted_at is null) as pull_requests,
      (select count(*) from pull_request_reviews where repository_id in ${repos} and deleted_at is null) as reviews,
      (select count(*) from issues where repository_id in ${repos} and deleted_at is null) as issues,
      (select count(*) from issue_comments where repository_id in ${repos} and deleted_at is null) as comments,
      (select count(*) from contributors where repository_id in ${repos}) as contributors
  `,
  );
  if (!row) throw new Error("count query returned no row");
  return {
    repositories: Number(row.repositories),
    commits: Number(row.commits),
    pull_requests: Number(row.pull_requests),
    reviews: Number(row.reviews),
    issues: Number(row.issues),
    comments: Number(row.comments),
    contributors: Number(row.contributors),
  };
}
