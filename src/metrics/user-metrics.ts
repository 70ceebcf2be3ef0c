/**
 * `GET /api/metrics/users/:login` and `ghsync metrics user`: a person's metrics, computed from
 * the mirror (no GitHub call). The person is found by ghsync login or by a linked GitHub login;
 * their rows are those of their linked accounts and listed commit emails (people-scope.ts), and
 * bots never count — as the person's accounts or as reviewers.
 */
import { and, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../store/database.js";
import { notHidden } from "../store/hidden-repositories.js";
import { queryRows } from "../store/raw-query.js";
import { pullRequests, userGithubAccounts, users } from "../store/schema.js";
import { GhsyncError } from "../util/errors.js";
import { loadPullFacts, openOrClosedSince } from "./load-pull-facts.js";
import { commitOfPersonParts, personAccountIds } from "./people-scope.js";
import { checkTimeZone } from "./time-zone.js";
import { userReport, type PersonActivity, type UserReport } from "./user-report.js";
import { parseWindow, type WindowQuery } from "./window.js";

export interface Person {
  id: number;
  login: string;
  timeZone: string;
  /** Days a month the current streak survives without a contribution. */
  streakFreezes: number;
}

export interface MetricsOptions {
  botLogins: string[];
  now?: Date;
  /** Repositories left out: private ones the viewer may not see (store/hidden-repositories.ts). */
  hidden?: readonly number[];
}

export async function findPerson(db: Db, login: string): Promise<Person> {
  const linked = db
    .select({ userId: userGithubAccounts.userId })
    .from(userGithubAccounts)
    .where(sql`lower(${userGithubAccounts.login}) = lower(${login})`);
  const [row] = await db
    .select({
      id: users.id,
      login: users.login,
      timeZone: users.timezone,
      streakFreezes: users.streakFreezes,
    })
    .from(users)
    .where(sql`lower(${users.login}) = lower(${login}) or ${users.id} in (${linked})`)
    .orderBy(sql`lower(${users.login}) = lower(${login}) desc`)
    .limit(1);
  if (!row) {
    throw new GhsyncError(
      "not_found",
      `no person "${login}": create the user and link their GitHub login first`,
      {
        status: 404,
      },
    );
  }
  return { ...row, timeZone: checkTimeZone(row.timeZone) };
}

async function loadActivity(
  db: Db,
  person: Person,
  since: Date,
  to: Date,
  botLogins: string[],
  hidden: readonly number[],
): Promise<PersonActivity> {
  const accounts = personAccountIds(person.id, botLogins);
  const { byAccount, byEmail } = commitOfPersonParts(person.id, botLogins);
  const onBranchBefore = sql`c.on_default_branch and c.authored_at < ${to} and ${notHidden(sql`c.repository_id`, hidden)}`;
  const commitRows = await queryRows<{ authored_at: Date | string }>(
    db,
    sql`select c.authored_at from commits c where ${onBranchBefore} and ${byAccount}
        union all
        select c.authored_at from commits c where ${onBranchBefore} and ${byEmail}`,
  );
  const mine = sql`${pullRequests.authorId} in ${accounts} and ${notHidden(sql`${pullRequests.repositoryId}`, hidden)}`;
  const pullTimes = await db
    .select({ createdAt: pullRequests.createdAt, mergedAt: pullRequests.mergedAt })
    .from(pullRequests)
    .where(and(isNull(pullRequests.deletedAt), lt(pullRequests.createdAt, to), mine));
  // The PR's side as a correlated lookup by primary key: a join is planned as a scan of every PR.
  const reviewRows = await queryRows<{ submitted_at: Date | string }>(
    db,
    sql`select r.submitted_at from pull_request_reviews r
        where r.deleted_at is null and r.submitted_at < ${to} and r.author_id in ${accounts}
          and ${notHidden(sql`r.repository_id`, hidden)}
          and (select p.deleted_at is null and (p.author_id is null or p.author_id not in ${accounts})
               from pull_requests p where p.id = r.pull_request_id)`,
  );
  const pulls = await loadPullFacts(
    db,
    and(mine, lt(pullRequests.createdAt, to), openOrClosedSince(since)) ?? mine,
    botLogins,
  );
  return {
    commitTimes: commitRows.map((row) => new Date(row.authored_at)),
    pullTimes,
    reviewTimes: reviewRows.map((row) => new Date(row.submitted_at)),
    pulls,
  };
}

export async function userMetrics(
  db: Db,
  login: string,
  query: WindowQuery,
  options: MetricsOptions,
): Promise<UserReport & { login: string }> {
  const person = await findPerson(db, login);
  const window = parseWindow(query, person.timeZone, options.now ?? new Date());
  const activity = await loadActivity(
    db,
    person,
    window.from,
    window.to,
    options.botLogins,
    options.hidden ?? [],
  );
  return { login: person.login, ...userReport(activity, window, person.timeZone, person.streakFreezes) };
}
