/**
 * What each key of the mirror's counts (`ghsync stats`, a repository's counts, a purge) counts:
 * its table and which of its rows are live. One list, so the three never disagree.
 */
import { sql, type SQL } from "drizzle-orm";
import type { RowCounts } from "../contract/common.js";

interface CountedRows {
  table: SQL;
  /** Live rows: not tombstoned (commits: still on the default branch). */
  live: SQL;
}

const live = sql`deleted_at is null`;

export const COUNTED_ROWS: Record<keyof RowCounts, CountedRows> = {
  commits: { table: sql`commits`, live: sql`on_default_branch` },
  pull_requests: { table: sql`pull_requests`, live },
  reviews: { table: sql`pull_request_reviews`, live },
  issues: { table: sql`issues`, live },
  comments: { table: sql`issue_comments`, live },
  contributors: { table: sql`contributors`, live: sql`true` },
  workflow_runs: { table: sql`workflow_runs`, live },
  check_runs: { table: sql`check_runs`, live },
  deployments: { table: sql`deployments`, live },
  releases: { table: sql`releases`, live },
  review_comments: { table: sql`review_comments`, live },
};

export const COUNTED_KEYS = Object.keys(COUNTED_ROWS) as (keyof RowCounts)[];

/** Every key at 0. */
export function zeroCounts(): RowCounts {
  return Object.fromEntries(COUNTED_KEYS.map((key) => [key, 0])) as unknown as RowCounts;
}
