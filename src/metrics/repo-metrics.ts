/**
 * `GET /api/metrics/repos/:owner/:repo` and `ghsync metrics repo`: a repository's metrics and
 * health, computed from the mirror (no GitHub call). Windows are read in UTC.
 */
import { and, eq, gte, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../store/database.js";
import { queryRows } from "../store/raw-query.js";
import { issues, pullRequests } from "../store/schema.js";
import { findRepositoryByName } from "../store/tracking.js";
import { GhsyncError } from "../util/errors.js";
import { loadPullFacts, openOrClosedSince } from "./load-pull-facts.js";
import { isBotAccountSql } from "./people-scope.js";
import { healthWindow, repoReport, type RepositoryActivity, type RepositoryReport } from "./repo-report.js";
import type { MetricsOptions } from "./user-metrics.js";
import { parseWindow, type MetricWindow, type WindowQuery } from "./window.js";

export async function findRepository(db: Db, fullName: string) {
  const repo = await findRepositoryByName(db, fullName);
  if (!repo) {
    throw new GhsyncError(
      "not_found",
      `${fullName} is not in the mirror: track it (ghsync track ${fullName}) and sync`,
      {
        status: 404,
      },
    );
  }
  return repo;
}

async function count(db: Db, query: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(db, query);
  return Number(row?.n ?? 0);
}

/** Distinct people authoring default-branch commits or PRs in `[from, to)`. */
function contributorsSql(repositoryId: number, window: MetricWindow, botLogins: string[]): SQL {
  return sql`select count(distinct author_id) as n from (
      select c.author_id from commits c where c.repository_id = ${repositoryId} and c.on_default_branch
        and c.committed_at >= ${window.from} and c.committed_at < ${window.to}
      union
      select p.author_id from pull_requests p where p.repository_id = ${repositoryId} and p.deleted_at is null
        and p.created_at >= ${window.from} and p.created_at < ${window.to}
    ) people where author_id is not null and not ${isBotAccountSql(sql`people.author_id`, botLogins)}`;
}

async function loadActivity(
  db: Db,
  repositoryId: number,
  window: MetricWindow,
  botLogins: string[],
): Promise<RepositoryActivity> {
  const recent = healthWindow(window);
  const since = recent.from < window.from ? recent.from : window.from;
  const [last] = await queryRows<{ at: Date | string | null }>(
    db,
    sql`select max(committed_at) as at from commits
        where repository_id = ${repositoryId} and on_default_branch and committed_at < ${window.to}`,
  );
  const issueRows = await db
    .select({ labels: issues.labels, createdAt: issues.createdAt, closedAt: issues.closedAt })
    .from(issues)
    .where(
      and(
        eq(issues.repositoryId, repositoryId),
        isNull(issues.deletedAt),
        lt(issues.createdAt, window.to),
        or(isNull(issues.closedAt), gte(issues.closedAt, window.from)),
      ),
    );
  return {
    commits: await count(
      db,
      sql`select count(*) as n from commits where repository_id = ${repositoryId} and on_default_branch
          and committed_at >= ${window.from} and committed_at < ${window.to}`,
    ),
    lastCommitAt: last?.at ? new Date(last.at) : null,
    reviews: await count(
      db,
      // The PR's side as a correlated lookup by primary key (a join scans every PR).
      sql`select count(*) as n from pull_request_reviews r
          where r.repository_id = ${repositoryId} and r.deleted_at is null
            and r.submitted_at >= ${window.from} and r.submitted_at < ${window.to}
            and (select p.deleted_at is null and r.author_id is distinct from p.author_id
                 from pull_requests p where p.id = r.pull_request_id)`,
    ),
    contributors: await count(db, contributorsSql(repositoryId, window, botLogins)),
    contributors90d: await count(db, contributorsSql(repositoryId, recent, botLogins)),
    pulls: await loadPullFacts(
      db,
      sql`${pullRequests.repositoryId} = ${repositoryId} and ${pullRequests.createdAt} < ${window.to} and ${openOrClosedSince(since)}`,
      botLogins,
    ),
    issues: issueRows,
  };
}

export async function repoMetrics(
  db: Db,
  fullName: string,
  query: WindowQuery,
  options: MetricsOptions,
): Promise<RepositoryReport & { repository: string }> {
  const repo = await findRepository(db, fullName);
  const window = parseWindow(query, "UTC", options.now ?? new Date());
  const activity = await loadActivity(db, repo.id, window, options.botLogins);
  return { repository: repo.fullName, ...repoReport(activity, window) };
}
