/**
 * Writing GitHub objects into the mirror: normalize, then upsert with each table's rules (key,
 * freshness). The sync's collectors and the webhook handlers both write through here, so an
 * object reads the same whichever way it arrived. Each returns how many rows changed.
 */
import { collectAccounts } from "../normalize/normalize-account.js";
import { normalizeComment } from "../normalize/normalize-comment.js";
import type { CommitRow } from "../normalize/normalize-commit.js";
import { isPullRequest, normalizeIssue } from "../normalize/normalize-issue.js";
import type {
  GraphqlPullCommit,
  GraphqlPullEvent,
  GraphqlPullRequest,
  GraphqlReview,
} from "../normalize/graphql-types.js";
import {
  normalizeGraphqlPull,
  normalizeGraphqlReview,
  restAccountOf,
} from "../normalize/normalize-graphql-pull.js";
import { normalizePullRequest, type PullRequestRow } from "../normalize/normalize-pull-request.js";
import { normalizeRepository } from "../normalize/normalize-repository.js";
import { normalizeReview, type ReviewRow } from "../normalize/normalize-review.js";
import type {
  GitHubAccount,
  GitHubIssue,
  GitHubIssueComment,
  GitHubPullRequest,
  GitHubRepository,
  GitHubReview,
} from "../normalize/github-types.js";
import type { Db } from "../store/database.js";
import {
  accounts,
  commits,
  issueComments,
  issues,
  pullRequestReviews,
  pullRequests,
  repositories,
} from "../store/schema.js";
import { upsertRows, type UpsertOptions } from "../store/upsert.js";
import type { PgTable } from "drizzle-orm/pg-core";

type AccountLike = Pick<GitHubAccount, "id" | "login" | "type" | "avatar_url">;

/** The accounts a batch mentions (authors, reviewers, owners), so rows can join to logins. */
export async function applyAccounts(
  tx: Db,
  people: readonly (AccountLike | Record<string, never> | null | undefined)[],
): Promise<void> {
  await upsertRows(tx, accounts, collectAccounts(people), { key: [accounts.id] });
}

/** Rows of what people wrote: their authors' accounts first (the rows refer to them), then the rows. */
export async function applyAuthored<T extends PgTable>(
  tx: Db,
  authors: readonly (AccountLike | null | undefined)[],
  table: T,
  rows: readonly T["$inferInsert"][],
  options: UpsertOptions,
): Promise<number> {
  await applyAccounts(tx, authors);
  return upsertRows(tx, table, rows, options);
}

export async function applyRepositories(tx: Db, repos: readonly GitHubRepository[]): Promise<number> {
  await applyAccounts(
    tx,
    repos.map((repo) => repo.owner),
  );
  return upsertRows(tx, repositories, repos.map(normalizeRepository), {
    key: [repositories.id],
    freshness: repositories.updatedAt,
  });
}

/** Commits are immutable: keyed by (repository, sha); columns a source does not know are left out. */
export async function applyCommitRows(tx: Db, rows: readonly CommitRow[]): Promise<number> {
  return upsertRows(tx, commits, rows, { key: [commits.repositoryId, commits.sha] });
}

export async function applyPullRequests(
  tx: Db,
  repositoryId: number,
  pulls: readonly GitHubPullRequest[],
): Promise<number> {
  await applyAccounts(
    tx,
    pulls.map((pr) => pr.user),
  );
  return writePullRequests(
    tx,
    pulls.map((pr) => normalizePullRequest(repositoryId, pr)),
  );
}

export async function applyReviews(
  tx: Db,
  repositoryId: number,
  pullRequestId: number,
  reviews: readonly GitHubReview[],
): Promise<number> {
  await applyAccounts(
    tx,
    reviews.map((review) => review.user),
  );
  return writeReviews(
    tx,
    reviews.map((review) => normalizeReview(repositoryId, pullRequestId, review)),
  );
}

/** A pull request read with GraphQL: the node and every page of its reviews, commits and timeline events. */
export interface GraphqlPullRead {
  pull: GraphqlPullRequest;
  reviews: GraphqlReview[];
  commits: GraphqlPullCommit[];
  events: GraphqlPullEvent[];
}

/**
 * Pull requests read with GraphQL, complete with reviews and details: the rows REST reading
 * writes in three steps (list, reviews, details), in one.
 */
export async function applyGraphqlPulls(
  tx: Db,
  repositoryId: number,
  reads: readonly GraphqlPullRead[],
): Promise<{ pullRequests: number; reviews: number }> {
  await applyAccounts(
    tx,
    reads.flatMap((read) =>
      [read.pull.author, ...read.reviews.map((review) => review.author)].map(restAccountOf),
    ),
  );
  const pulls = await writePullRequests(
    tx,
    reads.map((read) => normalizeGraphqlPull(repositoryId, read.pull, read.commits, read.events)),
  );
  const reviewRows = reads.flatMap((read) =>
    read.reviews.flatMap(
      (review) => normalizeGraphqlReview(repositoryId, Number(read.pull.fullDatabaseId), review) ?? [],
    ),
  );
  return { pullRequests: pulls, reviews: await writeReviews(tx, reviewRows) };
}

function writePullRequests(tx: Db, rows: readonly PullRequestRow[]): Promise<number> {
  return upsertRows(tx, pullRequests, rows, { key: [pullRequests.id], freshness: pullRequests.updatedAt });
}

function writeReviews(tx: Db, rows: readonly ReviewRow[]): Promise<number> {
  return upsertRows(tx, pullRequestReviews, rows, { key: [pullRequestReviews.id] });
}

/** Issues only: GitHub's issue list holds pull requests too, which are stored as pull requests. */
export async function applyIssues(
  tx: Db,
  repositoryId: number,
  items: readonly GitHubIssue[],
): Promise<number> {
  const onlyIssues = items.filter((issue) => !isPullRequest(issue));
  return applyAuthored(
    tx,
    onlyIssues.map((issue) => issue.user),
    issues,
    onlyIssues.map((issue) => normalizeIssue(repositoryId, issue)),
    { key: [issues.id], freshness: issues.updatedAt },
  );
}

export async function applyComments(
  tx: Db,
  repositoryId: number,
  comments: readonly GitHubIssueComment[],
): Promise<number> {
  return applyAuthored(
    tx,
    comments.map((comment) => comment.user),
    issueComments,
    comments.map((comment) => normalizeComment(repositoryId, comment)),
    { key: [issueComments.id], freshness: issueComments.updatedAt },
  );
}
