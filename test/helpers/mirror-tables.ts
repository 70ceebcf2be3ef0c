/**
 * Every row of the mirror's GitHub tables, as plain values in a stable order, without the columns
 * that say when ghsync wrote them — to compare two mirrors of the same GitHub world row by row.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../src/store/database.js";
import { queryRows } from "../../src/store/raw-query.js";

export const MIRROR_TABLES = [
  "accounts",
  "repositories",
  "commits",
  "pull_requests",
  "pull_request_reviews",
  "issues",
  "issue_comments",
  "contributors",
  "review_comments",
  "pull_request_events",
  "teams",
  "team_members",
  "workflow_runs",
  "workflow_jobs",
  "check_suites",
  "check_runs",
  "deployments",
  "deployment_statuses",
  "releases",
] as const;

/** When a row was written or read, or ghsync's own marks on it, not what GitHub says. */
const WRITE_TIMES = new Set(["synced_at", "last_synced_at", "current_at", "changed_at"]);

/** A tombstone's time is when ghsync saw the row gone: compared is whether it is one. */
const tombstoned = (column: string, value: unknown) => (column === "deleted_at" ? value !== null : value);

export async function mirrorTables(db: Db): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of MIRROR_TABLES) {
    const rows = await queryRows<Record<string, unknown>>(db, sql.raw(`select * from ${table}`));
    tables[table] = rows
      .map((row) =>
        JSON.stringify(
          Object.fromEntries(
            Object.entries(row)
              .filter(([column]) => !WRITE_TIMES.has(column))
              .map(([column, value]) => [column, tombstoned(column, value)]),
          ),
        ),
      )
      .sort();
  }
  return tables;
}
