/**
 * The list endpoints' work (docs/http-api.md, "Lists of mirrored rows"): find the subject (a
 * repository or a person), read the page the filters and the cursor ask for, and show its rows.
 * A pull request's timings are computed by the metrics' own functions (pull-timings.ts), so a
 * drill-down lists exactly the values a median was taken over.
 */
import { inArray } from "drizzle-orm";
import type {
  CommentsQuery,
  CommitsQuery,
  IssueListQuery,
  ListedComment,
  ListedCommit,
  ListedPull,
  ListedReview,
  PullsQuery,
  ReviewsQuery,
} from "../contract/lists.js";
import { pageOf, type Page } from "../contract/page.js";
import {
  commentConditions,
  commitConditions,
  pullConditions,
  reviewConditions,
  type ListFilters,
  type ListSubject,
} from "../metrics/list-conditions.js";
import { loadPullFacts } from "../metrics/load-pull-facts.js";
import { prioritizedIssues, type IssuePage } from "../metrics/prioritized-issues.js";
import {
  cycleTimeHours,
  firstReviewAt,
  pickupTimeHours,
  pullSize,
  reviewTimeHours,
} from "../metrics/pull-timings.js";
import { findRepository } from "../metrics/repo-metrics.js";
import { findPerson } from "../metrics/user-metrics.js";
import { parseBound } from "../metrics/window.js";
import type { Db } from "../store/database.js";
import { commentRows, commitRows, pullRows, reviewRows } from "../store/mirror-lists.js";
import { pullRequests } from "../store/schema.js";
import { GhsyncError } from "../util/errors.js";

/** Whose rows: a repository (OWNER/REPO) or a person (ghsync login or a linked GitHub login). */
export type ListTarget = { repo: string } | { person: string };

export interface ListOptions {
  botLogins: string[];
  now?: Date;
  /** Repositories left out: private ones the viewer may not see (store/hidden-repositories.ts). */
  hidden?: readonly number[];
}

const DEFAULT_LIMIT = 100;

async function subjectOf(db: Db, target: ListTarget): Promise<ListSubject> {
  if ("repo" in target) {
    const repo = await findRepository(db, target.repo);
    return { kind: "repository", id: repo.id, fullName: repo.fullName };
  }
  const person = await findPerson(db, target.person);
  return { kind: "person", id: person.id, login: person.login, timeZone: person.timeZone };
}

interface CommonQuery {
  since?: string | undefined;
  until?: string | undefined;
  author?: string | undefined;
  repo?: string | undefined;
  team?: string | undefined;
}

async function filtersOf(
  db: Db,
  subject: ListSubject,
  query: CommonQuery,
  hidden: readonly number[] = [],
): Promise<ListFilters> {
  const zone = subject.kind === "person" ? subject.timeZone : "UTC";
  const repositoryId =
    subject.kind === "person" && query.repo !== undefined ? (await findRepository(db, query.repo)).id : null;
  // A repository the viewer may not see answers as one that is not there.
  if (repositoryId !== null && hidden.includes(repositoryId))
    throw new GhsyncError("not_found", `no repository ${query.repo} here`, { status: 404 });
  return {
    since: query.since === undefined ? null : parseBound(query.since, "since", zone, false),
    until: query.until === undefined ? null : parseBound(query.until, "until", zone, true),
    author: query.author,
    repositoryId,
    team: query.team,
    hidden,
  };
}

/** What every list starts from: whose rows, the filters all lists share, the page size. */
async function listFrame(
  db: Db,
  target: ListTarget,
  query: CommonQuery & { limit?: number | undefined },
  options: ListOptions,
): Promise<{ subject: ListSubject; filters: ListFilters; limit: number }> {
  const subject = await subjectOf(db, target);
  const filters = await filtersOf(db, subject, query, options.hidden);
  return { subject, filters, limit: query.limit ?? DEFAULT_LIMIT };
}

const flag = (value: "true" | "false" | undefined) => (value === undefined ? undefined : value === "true");

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

export async function listCommits(
  db: Db,
  target: ListTarget,
  query: Omit<CommitsQuery, "format">,
  options: ListOptions,
): Promise<Page<ListedCommit>> {
  const { subject, filters, limit } = await listFrame(db, target, query, options);
  const [sortKey, sha] = query.cursor?.split("_") ?? [];
  const rows = await commitRows(db, {
    where: commitConditions(subject, { ...filters, date: query.date }, options.botLogins),
    limit: limit + 1,
    after: sortKey !== undefined && sha !== undefined ? { sortKey, sha } : undefined,
  });
  return pageOf(
    rows,
    limit,
    ({ sort_key: _sortKey, ...row }) => ({
      ...row,
      authored_at: iso(row.authored_at),
      committed_at: iso(row.committed_at),
    }),
    (row) => `${row.sort_key}_${row.sha}`,
  );
}

export async function listPulls(
  db: Db,
  target: ListTarget,
  query: Omit<PullsQuery, "format">,
  options: ListOptions,
): Promise<Page<ListedPull>> {
  const { subject, filters, limit } = await listFrame(db, target, query, options);
  const rows = await pullRows(db, {
    where: pullConditions(
      subject,
      { ...filters, state: query.state, date: query.date, reviewed: flag(query.reviewed) },
      options.botLogins,
    ),
    limit: limit + 1,
    afterId: query.cursor,
  });
  const ids = rows.map((row) => Number(row.id));
  const facts =
    ids.length === 0 ? [] : await loadPullFacts(db, inArray(pullRequests.id, ids), options.botLogins);
  const factsById = new Map(facts.map((pull) => [pull.id, pull]));
  return pageOf(
    rows,
    limit,
    (row): ListedPull => {
      const pull = factsById.get(Number(row.id));
      return {
        ...row,
        id: Number(row.id),
        created_at: iso(row.created_at) as string,
        merged_at: iso(row.merged_at),
        closed_at: iso(row.closed_at),
        first_review_at: pull ? iso(firstReviewAt(pull)) : null,
        size: pull ? pullSize(pull) : null,
        cycle_time_hours: pull ? cycleTimeHours(pull) : null,
        pickup_time_hours: pull ? pickupTimeHours(pull) : null,
        review_time_hours: pull ? reviewTimeHours(pull) : null,
      };
    },
    (row) => row.id,
  );
}

export async function listReviews(
  db: Db,
  target: ListTarget,
  query: Omit<ReviewsQuery, "format">,
  options: ListOptions,
): Promise<Page<ListedReview>> {
  const { subject, filters, limit } = await listFrame(db, target, query, options);
  const conditions = { ...filters, state: query.state, othersOnly: query.others_only === "true" };
  const rows = await reviewRows(db, {
    where: reviewConditions(subject, conditions, options.botLogins),
    limit: limit + 1,
    afterId: query.cursor,
  });
  return pageOf(
    rows,
    limit,
    (row) => ({ ...row, id: Number(row.id), submitted_at: iso(row.submitted_at) }),
    (row) => row.id,
  );
}

export async function listComments(
  db: Db,
  target: ListTarget,
  query: Omit<CommentsQuery, "format">,
  options: ListOptions,
): Promise<Page<ListedComment>> {
  const { subject, filters, limit } = await listFrame(db, target, query, options);
  const rows = await commentRows(db, {
    where: commentConditions(subject, { ...filters, issue: query.issue }, options.botLogins),
    limit: limit + 1,
    afterId: query.cursor,
  });
  return pageOf(
    rows,
    limit,
    (row) => ({
      ...row,
      id: Number(row.id),
      created_at: iso(row.created_at) as string,
      updated_at: iso(row.updated_at) as string,
    }),
    (row) => row.id,
  );
}

/** A repository's triaged issues (highest priority first) with the list filters. */
export async function listIssues(
  db: Db,
  fullName: string,
  query: Omit<IssueListQuery, "format">,
  options: ListOptions,
): Promise<IssuePage> {
  return prioritizedIssues(
    db,
    fullName,
    {
      state: query.state,
      limit: query.limit ?? DEFAULT_LIMIT,
      cursor: query.cursor,
      ...(options.now ? { now: options.now } : {}),
    },
    {
      author: query.author,
      since: query.since === undefined ? null : parseBound(query.since, "since", "UTC", false),
      until: query.until === undefined ? null : parseBound(query.until, "until", "UTC", true),
      date: query.date,
      severity: query.severity,
      slaBreached: flag(query.sla_breached),
      blocker: flag(query.blocker),
    },
  );
}

/**
 * Every row of a list from `cursor` on, page after page, up to `max` rows — an export. The
 * answer's `next_cursor` continues where `max` stopped (null: the whole list).
 */
export async function wholeList<T>(
  read: (cursor: string | undefined, limit: number) => Promise<Page<T>>,
  cursor: string | undefined,
  max: number,
): Promise<Page<T>> {
  const items: T[] = [];
  let next = cursor;
  do {
    const page = await read(next, Math.min(500, max - items.length));
    items.push(...page.items);
    next = page.next_cursor ?? undefined;
  } while (next !== undefined && items.length < max);
  return { items, next_cursor: next ?? null };
}
