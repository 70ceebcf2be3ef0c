/**
 * The mirror's rows as lists (docs/http-api.md, "Lists of mirrored rows"): commits, pull requests,
 * reviews and comments of a repository (`/api/repos/:owner/:repo/<entity>`) or of a person
 * (`/api/users/:login/<entity>`), with filters, keyset cursors and a CSV or JSON export of the
 * whole filtered list. These are the rows behind the numbers of the person and repository pages.
 */
import { z } from "zod";
import { instant, repositoryName } from "./common.js";
import { idPageQuery } from "./page.js";
import { prioritizedIssue } from "./metrics.js";
import { SEVERITIES } from "./enums.js";

const bound = (what: string) =>
  z
    .string()
    .max(40)
    .optional()
    .describe(
      `${what}: a date (a whole day in the person's time zone, UTC for a repository) or an ISO date-time`,
    );

const loginFilter = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*(\[bot\])?$/, "must be a GitHub login")
  .optional()
  .describe("only rows of this GitHub login");

/** What every list takes besides its own filters. */
const listQuery = idPageQuery(500).extend({
  since: bound("from (included)"),
  until: bound("until (a date is included, a date-time excluded)"),
  author: loginFilter,
  repo: repositoryName.optional().describe("a person's lists: only this repository"),
  team: repositoryName.optional().describe("ORG/SLUG: only rows authored by the team's members"),
  format: z
    .enum(["csv", "json"])
    .optional()
    .describe(
      "export the whole filtered list (from `cursor` on, at most 50,000 rows) as a download; `Accept: text/csv` asks for CSV too",
    ),
});

/** Commits are ordered by commit time, so their cursor is (time, sha), not an id. */
export const commitsQuery = listQuery.omit({ cursor: true }).extend({
  cursor: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}_[0-9a-f]{4,64}$/,
      "must be a next_cursor from the previous page",
    )
    .optional(),
  date: z.enum(["committed", "authored"]).default("committed").describe("which time since/until filter"),
});
export type CommitsQuery = z.infer<typeof commitsQuery>;

export const PULL_DATES = ["created", "merged", "closed", "updated", "first_review"] as const;
export const pullsQuery = listQuery.extend({
  state: z.enum(["open", "closed", "merged", "all"]).default("all").describe("closed includes merged"),
  date: z
    .enum(PULL_DATES)
    .default("created")
    .describe("which time since/until filter; first_review: the first review by someone else (not a bot)"),
  reviewed: z
    .enum(["true", "false"])
    .optional()
    .describe("reviewed by someone else (not a bot) before it merged (an open PR: so far)"),
});
export type PullsQuery = z.infer<typeof pullsQuery>;

export const REVIEW_STATES = ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"] as const;
export const reviewsQuery = listQuery.extend({
  state: z.enum(REVIEW_STATES).optional(),
  others_only: z
    .enum(["true", "false"])
    .default("false")
    .describe("only reviews of someone else's pull request (as the metrics count reviews)"),
});
export type ReviewsQuery = z.infer<typeof reviewsQuery>;

export const commentsQuery = listQuery.extend({
  issue: z.coerce.number().int().positive().optional().describe("only comments on this issue or PR number"),
});
export type CommentsQuery = z.infer<typeof commentsQuery>;

/** The triaged issue list gains the same filters (its order stays priority, its cursor too). */
export const issueListQuery = listQuery.omit({ cursor: true, repo: true, team: true }).extend({
  cursor: z.string().max(40).optional().describe("a next_cursor from the previous page"),
  sort: z.enum(["priority"]).default("priority"),
  state: z.enum(["open", "closed", "all"]).default("open"),
  date: z.enum(["created", "closed"]).default("created").describe("which time since/until filter"),
  severity: z.enum(SEVERITIES).optional(),
  sla_breached: z.enum(["true", "false"]).optional(),
  blocker: z.enum(["true", "false"]).optional(),
});
export type IssueListQuery = z.infer<typeof issueListQuery>;

export const listedCommit = z.object({
  repository: z.string(),
  sha: z.string(),
  author_login: z.string().nullable(),
  author_name: z.string().nullable(),
  authored_at: instant.nullable(),
  committed_at: instant.nullable(),
  message: z.string(),
  additions: z.number().int().nullable(),
  deletions: z.number().int().nullable(),
});
export type ListedCommit = z.infer<typeof listedCommit>;

const hours = z.number().nullable();
export const listedPull = z.object({
  repository: z.string(),
  id: z.number().int(),
  number: z.number().int(),
  title: z.string(),
  author_login: z.string().nullable(),
  state: z.string(),
  draft: z.boolean(),
  merged: z.boolean(),
  created_at: instant,
  merged_at: instant.nullable(),
  closed_at: instant.nullable(),
  first_review_at: instant.nullable().describe("first review by someone else (not a bot)"),
  size: z.number().int().nullable().describe("lines added + deleted"),
  cycle_time_hours: hours,
  pickup_time_hours: hours,
  review_time_hours: hours,
});
export type ListedPull = z.infer<typeof listedPull>;

export const listedReview = z.object({
  repository: z.string(),
  id: z.number().int(),
  pull_number: z.number().int(),
  pull_title: z.string(),
  author_login: z.string().nullable(),
  state: z.string(),
  submitted_at: instant.nullable(),
});
export type ListedReview = z.infer<typeof listedReview>;

export const listedComment = z.object({
  repository: z.string(),
  id: z.number().int(),
  issue_number: z.number().int(),
  author_login: z.string().nullable(),
  created_at: instant,
  updated_at: instant,
  body: z.string().nullable(),
});
export type ListedComment = z.infer<typeof listedComment>;

export const listedIssue = prioritizedIssue;
export type ListedIssue = z.infer<typeof listedIssue>;
