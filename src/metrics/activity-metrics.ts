/**
 * `GET /api/metrics/activity?repo=&user=&from=&to=`: weekly activity of the whole mirror, one
 * repository, one person, or one person in one repository (activity-series.ts buckets it). With a
 * person, their rows count as in their metrics (people-scope.ts: linked accounts, then emails;
 * commits by `authored_at`; reviews of others' PRs; weeks in their zone); without one, every
 * author counts as in a repository's metrics (commits by `committed_at`, self-reviews out, UTC).
 */
import type { ActivityReport } from "../contract/metrics.js";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../store/database.js";
import { notHidden } from "../store/hidden-repositories.js";
import { queryRows } from "../store/raw-query.js";
import { pullRequests } from "../store/schema.js";
import { GhsyncError } from "../util/errors.js";
import { weeklyActivity } from "./activity-series.js";
import { loadPullFacts, openOrClosedSince } from "./load-pull-facts.js";
import { commitOfPersonParts, personAccountIds } from "./people-scope.js";
import { findRepository } from "./repo-metrics.js";
import { findPerson, type MetricsOptions, type Person } from "./user-metrics.js";
import { parseWindow, type MetricWindow } from "./window.js";

export interface ActivityQuery {
  repo?: string | undefined;
  user?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** A year of weeks at most: enough for a trend, bounded work per request. */
const MAX_ACTIVITY_DAYS = 371;

interface Scope {
  window: MetricWindow;
  repositoryId: number | null;
  /** Left out of "every repository": private ones the viewer may not see. */
  hidden: readonly number[];
  person: Person | null;
  botLogins: string[];
}

/** SQL: the row's repository is this one, or any not deleted nor hidden. */
function repositoryOf(column: SQL, scope: Scope): SQL {
  return scope.repositoryId === null
    ? sql`${column} in (select r.id from repositories r where r.deleted_at is null and ${notHidden(sql`r.id`, scope.hidden)})`
    : sql`${column} = ${scope.repositoryId}`;
}

async function times(db: Db, query: SQL): Promise<Date[]> {
  const rows = await queryRows<{ at: Date | string }>(db, query);
  return rows.map((row) => new Date(row.at));
}

function commitTimes(db: Db, scope: Scope): Promise<Date[]> {
  const { window, person, botLogins } = scope;
  const live = sql`c.on_default_branch and ${repositoryOf(sql`c.repository_id`, scope)}`;
  if (!person) {
    return times(
      db,
      sql`select c.committed_at as at from commits c where ${live}
          and c.committed_at >= ${window.from} and c.committed_at < ${window.to}`,
    );
  }
  const { byAccount, byEmail } = commitOfPersonParts(person.id, botLogins);
  const when = sql`${live} and c.authored_at >= ${window.from} and c.authored_at < ${window.to}`;
  return times(
    db,
    sql`select c.authored_at as at from commits c where ${when} and ${byAccount}
        union all
        select c.authored_at as at from commits c where ${when} and ${byEmail}`,
  );
}

function reviewTimes(db: Db, scope: Scope): Promise<Date[]> {
  const { window, person, botLogins } = scope;
  const accounts = person ? personAccountIds(person.id, botLogins) : null;
  const whose = accounts
    ? sql` and r.author_id in ${accounts}
           and (select p.author_id is null or p.author_id not in ${accounts} from pull_requests p where p.id = r.pull_request_id)`
    : sql` and (select r.author_id is distinct from p.author_id from pull_requests p where p.id = r.pull_request_id)`;
  // The PR's side as a correlated lookup by primary key (a join scans every PR).
  return times(
    db,
    sql`select r.submitted_at as at from pull_request_reviews r
        where r.deleted_at is null and r.submitted_at >= ${window.from} and r.submitted_at < ${window.to}
          and ${repositoryOf(sql`r.repository_id`, scope)}
          and (select p.deleted_at is null from pull_requests p where p.id = r.pull_request_id)${whose}`,
  );
}

function pullScope(scope: Scope): SQL {
  const parts = [
    sql`${pullRequests.createdAt} < ${scope.window.to}`,
    openOrClosedSince(scope.window.from),
    repositoryOf(sql`${pullRequests.repositoryId}`, scope),
  ];
  if (scope.person) {
    parts.push(sql`${pullRequests.authorId} in ${personAccountIds(scope.person.id, scope.botLogins)}`);
  }
  return sql.join(parts, sql` and `);
}

export async function activityMetrics(
  db: Db,
  query: ActivityQuery,
  options: MetricsOptions,
): Promise<ActivityReport> {
  const person = query.user ? await findPerson(db, query.user) : null;
  const hidden = options.hidden ?? [];
  const repo = query.repo ? await findRepository(db, query.repo) : null;
  // A repository the viewer may not see answers as one that is not there.
  if (repo && hidden.includes(repo.id))
    throw new GhsyncError("not_found", `no repository ${query.repo} here`, { status: 404 });
  const timeZone = person?.timeZone ?? "UTC";
  const window = parseWindow(query, timeZone, options.now ?? new Date(), MAX_ACTIVITY_DAYS);
  const scope: Scope = {
    window,
    repositoryId: repo?.id ?? null,
    hidden,
    person,
    botLogins: options.botLogins,
  };
  const facts = {
    commitTimes: await commitTimes(db, scope),
    reviewTimes: await reviewTimes(db, scope),
    pulls: await loadPullFacts(db, pullScope(scope), options.botLogins),
  };
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    time_zone: timeZone,
    repository: repo?.fullName ?? null,
    user: person?.login ?? null,
    weeks: weeklyActivity(facts, window, timeZone),
  };
}
