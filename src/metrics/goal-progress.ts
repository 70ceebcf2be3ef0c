/**
 * A person's count of one metric over [start, end): a query over the mirrored rows, never a
 * counter — a commit, pull request or review seen by webhook and again by reconciliation is one
 * row, so it counts once. The rules (docs/goals-and-metrics.md, "People and goals"):
 * - commits: on the default branch, `authored_at` in the window, the person's by people-scope.ts;
 * - pull_requests_opened: authored by the person, `created_at` in the window (drafts included);
 * - pull_requests_merged: authored by the person, `merged_at` in the window;
 * - reviews_submitted: submitted by the person (not pending), `submitted_at` in the window, not on
 *   a pull request the person authored;
 * - issues_opened: authored, `created_at` in the window;
 * - issues_closed: closed (`closed_at` in the window) and authored by or assigned to the person.
 * Tombstoned rows, rows of deleted repositories and bot accounts never count.
 */
import { sql, type SQL } from "drizzle-orm";
import type { AutoMetric } from "../contract/enums.js";
import type { Db } from "../store/database.js";
import { queryRows } from "../store/raw-query.js";
import { commitOfPersonParts, isBotAccountSql, personAccountIds } from "./people-scope.js";

export interface ProgressScope {
  userId: number;
  /** Inclusive; null: since the beginning. */
  start: Date | null;
  /** Exclusive; null: until now. */
  end: Date | null;
  /** Only this repository's rows. */
  repositoryId: number | null;
  /** Only rows of repositories that are not private (the public profile). */
  publicOnly: boolean;
  botLogins: string[];
}

function inWindow(column: SQL, scope: ProgressScope): SQL {
  const from = scope.start ? sql` and ${column} >= ${scope.start.toISOString()}::timestamptz` : sql``;
  const to = scope.end ? sql` and ${column} < ${scope.end.toISOString()}::timestamptz` : sql``;
  return sql`${column} is not null${from}${to}`;
}

/** The repositories that count: not deleted, the filter's, public ones for the profile. */
function repositoryScope(column: SQL, scope: ProgressScope): SQL {
  const filter = scope.repositoryId === null ? sql`` : sql` and r.id = ${scope.repositoryId}`;
  const visibility = scope.publicOnly ? sql` and not r.private` : sql``;
  return sql`${column} in (select r.id from repositories r where r.deleted_at is null${filter}${visibility})`;
}

function metricQuery(metric: AutoMetric, scope: ProgressScope): SQL {
  const ids = personAccountIds(scope.userId, scope.botLogins);
  const count = (table: SQL, alias: SQL, where: SQL) =>
    sql`select count(*) as n from ${table} ${alias} where ${repositoryScope(sql`${alias}.repository_id`, scope)} and ${where}`;
  switch (metric) {
    case "commits": {
      const base = sql`c.on_default_branch and ${inWindow(sql`c.authored_at`, scope)}`;
      const notBot = sql`(c.author_id is null or not ${isBotAccountSql(sql`c.author_id`, scope.botLogins)})`;
      const { byAccount, byEmail } = commitOfPersonParts(scope.userId, scope.botLogins);
      // Two disjoint halves added up: each can use its own index (author id, author email).
      return sql`select (${count(sql`commits`, sql`c`, sql`${base} and ${byAccount}`)})
        + (${count(sql`commits`, sql`c`, sql`${base} and ${notBot} and ${byEmail}`)}) as n`;
    }
    case "pull_requests_opened":
      return count(
        sql`pull_requests`,
        sql`p`,
        sql`p.deleted_at is null and p.author_id in ${ids} and ${inWindow(sql`p.created_at`, scope)}`,
      );
    case "pull_requests_merged":
      return count(
        sql`pull_requests`,
        sql`p`,
        sql`p.deleted_at is null and p.author_id in ${ids} and ${inWindow(sql`p.merged_at`, scope)}`,
      );
    case "reviews_submitted":
      return count(
        sql`pull_request_reviews`,
        sql`v`,
        sql`v.deleted_at is null and v.state <> 'PENDING' and v.author_id in ${ids}
          and ${inWindow(sql`v.submitted_at`, scope)}
          and not exists (select 1 from pull_requests p where p.id = v.pull_request_id
                          and (p.deleted_at is not null or p.author_id in ${ids}))`,
      );
    case "issues_opened":
      return count(
        sql`issues`,
        sql`i`,
        sql`i.deleted_at is null and i.author_id in ${ids} and ${inWindow(sql`i.created_at`, scope)}`,
      );
    case "issues_closed": {
      const logins = sql`(select lower(a.login) from accounts a where a.id in ${ids}
        union select lower(uga.login) from user_github_accounts uga where uga.user_id = ${scope.userId})`;
      return count(
        sql`issues`,
        sql`i`,
        sql`i.deleted_at is null and i.state = 'closed' and ${inWindow(sql`i.closed_at`, scope)}
          and (i.author_id in ${ids}
               or exists (select 1 from jsonb_array_elements_text(i.assignees) x where lower(x) in ${logins}))`,
      );
    }
  }
}

/** The person's count of `metric` in the scope. */
export async function countMetric(db: Db, metric: AutoMetric, scope: ProgressScope): Promise<number> {
  const [row] = await queryRows<{ n: string }>(db, metricQuery(metric, scope));
  return Number(row?.n ?? 0);
}

/**
 * "Last synced" of a goal: with a repository filter, that repository's `last_synced_at`; without,
 * the newest `last_synced_at` of the tracked repositories (any of them may hold the person's rows).
 */
export async function lastSyncedAt(db: Db, repositoryId: number | null): Promise<Date | null> {
  const where = repositoryId === null ? sql`tracked and deleted_at is null` : sql`id = ${repositoryId}`;
  const [row] = await queryRows<{ at: string | Date | null }>(
    db,
    sql`select max(last_synced_at) as at from repositories where ${where}`,
  );
  return row?.at ? new Date(row.at) : null;
}
