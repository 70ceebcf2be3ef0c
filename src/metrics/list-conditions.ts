/**
 * Which rows a list shows (contract/lists.ts), as SQL over the aliases of store/mirror-lists.ts:
 * the subject's rows (a repository's, or a person's by the people-scope rules the metrics use, so
 * the rows behind a number are the rows the number counted) within the filters.
 */
import { sql, type SQL } from "drizzle-orm";
import { notHidden } from "../store/hidden-repositories.js";
import { commitOfPersonSql, isBotAccountSql, personAccountIds } from "./people-scope.js";

export type ListSubject =
  | { kind: "repository"; id: number; fullName: string }
  | { kind: "person"; id: number; login: string; timeZone: string };

export interface ListFilters {
  /** Included. */
  since: Date | null;
  /** Excluded. */
  until: Date | null;
  author: string | undefined;
  /** A person's lists: only this repository. */
  repositoryId: number | null;
  /** ORG/SLUG: only rows the team's members authored. */
  team: string | undefined;
  /** Repositories left out: private ones the viewer may not see. */
  hidden: readonly number[];
}

/** SQL: `authorId` is a member of the team ORG/SLUG (team-rollup.ts counts them so). */
function byTeam(authorId: SQL, team: string | undefined): SQL | null {
  if (team === undefined) return null;
  const [org = "", slug = ""] = team.split("/");
  return sql`${authorId} in (select tm.account_id from team_members tm join teams t on t.id = tm.team_id
    where lower(t.org) = lower(${org}) and lower(t.slug) = lower(${slug}) and t.deleted_at is null)`;
}

const all = (parts: readonly (SQL | null)[]): SQL =>
  sql.join(
    parts.filter((part): part is SQL => part !== null),
    sql` and `,
  );

function between(column: SQL, filters: ListFilters): SQL | null {
  const parts = [
    filters.since ? sql`${column} >= ${filters.since.toISOString()}::timestamptz` : null,
    filters.until ? sql`${column} < ${filters.until.toISOString()}::timestamptz` : null,
  ];
  return parts.some((part) => part !== null) ? all(parts) : null;
}

/** The subject's rows of a table aliased `alias`, whose author is `authorId`. */
function subjectRows(alias: SQL, authorId: SQL, subject: ListSubject, filters: ListFilters, bots: string[]) {
  const repository = subject.kind === "repository" ? subject.id : filters.repositoryId;
  return all([
    sql`true`,
    repository === null ? null : sql`${alias}.repository_id = ${repository}`,
    notHidden(sql`${alias}.repository_id`, filters.hidden),
    subject.kind === "person" ? sql`${authorId} in ${personAccountIds(subject.id, bots)}` : null,
    byTeam(authorId, filters.team),
  ]);
}

const byLogin = (column: SQL, login: string | undefined) =>
  login === undefined ? null : sql`lower(${column}) = lower(${login})`;

export function commitConditions(
  subject: ListSubject,
  filters: ListFilters & { date: "committed" | "authored" },
  bots: string[],
): SQL {
  const repository = subject.kind === "repository" ? subject.id : filters.repositoryId;
  return all([
    sql`true`,
    repository === null ? null : sql`c.repository_id = ${repository}`,
    notHidden(sql`c.repository_id`, filters.hidden),
    subject.kind === "person" ? commitOfPersonSql(subject.id, bots) : null,
    byTeam(sql`c.author_id`, filters.team),
    byLogin(sql`a.login`, filters.author),
    between(filters.date === "authored" ? sql`c.authored_at` : sql`c.committed_at`, filters),
  ]);
}

/**
 * SQL over a pull request `p`: its first submitted review by someone other than its author and
 * not a bot — pull-timings.ts' `firstReviewAt`, so a pickup-time drill-down lists what was counted.
 */
export function firstReviewSql(bots: string[]): SQL {
  return sql`(select min(fr.submitted_at) from pull_request_reviews fr
    where fr.pull_request_id = p.id and fr.deleted_at is null and fr.submitted_at is not null
      and (fr.author_id is null or p.author_id is null or fr.author_id <> p.author_id)
      and not ${isBotAccountSql(sql`fr.author_id`, bots)})`;
}

const PULL_DATE_COLUMNS = {
  created: sql`p.created_at`,
  merged: sql`p.merged_at`,
  closed: sql`p.closed_at`,
  updated: sql`p.updated_at`,
} as const;

export function pullConditions(
  subject: ListSubject,
  filters: ListFilters & {
    state: "open" | "closed" | "merged" | "all";
    date: keyof typeof PULL_DATE_COLUMNS | "first_review";
    reviewed: boolean | undefined;
  },
  bots: string[],
): SQL {
  // Reviewed before it merged, as review time (pull-timings.ts) needs it; open PRs: reviewed yet.
  const reviewedFirst = sql`coalesce(${firstReviewSql(bots)} <= coalesce(p.merged_at, 'infinity'), false)`;
  const reviewed =
    filters.reviewed === undefined ? null : filters.reviewed ? reviewedFirst : sql`not ${reviewedFirst}`;
  const state = {
    open: sql`p.state = 'open'`,
    closed: sql`p.state = 'closed'`,
    merged: sql`p.merged_at is not null`,
    all: null,
  }[filters.state];
  const dated = filters.date === "first_review" ? firstReviewSql(bots) : PULL_DATE_COLUMNS[filters.date];
  return all([
    sql`true`,
    subjectRows(sql`p`, sql`p.author_id`, subject, filters, bots),
    state,
    reviewed,
    byLogin(sql`p.author_login`, filters.author),
    between(dated, filters),
  ]);
}

export function reviewConditions(
  subject: ListSubject,
  filters: ListFilters & { state: string | undefined; othersOnly: boolean },
  bots: string[],
): SQL {
  // "Someone else's": as the metrics count reviews — for a person, a PR none of their accounts
  // authored; for a repository, a PR whose author is not the reviewer.
  const others =
    subject.kind === "person"
      ? sql`(p.author_id is null or p.author_id not in ${personAccountIds(subject.id, bots)})`
      : sql`rv.author_id is distinct from p.author_id`;
  return all([
    sql`true`,
    subjectRows(sql`rv`, sql`rv.author_id`, subject, filters, bots),
    filters.othersOnly ? others : null,
    filters.state === undefined ? null : sql`rv.state = ${filters.state}`,
    byLogin(sql`rv.author_login`, filters.author),
    between(sql`rv.submitted_at`, filters),
  ]);
}

export function commentConditions(
  subject: ListSubject,
  filters: ListFilters & { issue: number | undefined },
  bots: string[],
): SQL {
  return all([
    sql`true`,
    subjectRows(sql`ic`, sql`ic.author_id`, subject, filters, bots),
    filters.issue === undefined ? null : sql`ic.issue_number = ${filters.issue}`,
    byLogin(sql`ic.author_login`, filters.author),
    between(sql`ic.created_at`, filters),
  ]);
}
