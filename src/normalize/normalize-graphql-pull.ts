/**
 * Pull requests and reviews read with GraphQL → the rows REST reading writes (pure). The two
 * APIs spell some things apart: GraphQL's state MERGED is REST's "closed" (+ merged_at), a
 * bot's login has no "[bot]" suffix, and REST's `merge_commit_sha` is GraphQL's `mergeCommit`
 * once merged and its `potentialMergeCommit` (the test merge) before.
 */
import type { pullRequests } from "../store/schema.js";
import { cleanText, requireDate, toDate } from "./dates.js";
import type {
  GraphqlActor,
  GraphqlPullCommit,
  GraphqlPullEvent,
  GraphqlPullRequest,
  GraphqlReview,
} from "./graphql-types.js";
import type { PullRequestRow } from "./normalize-pull-request.js";
import { earliest } from "./normalize-pull-details.js";
import type { ReviewRow } from "./normalize-review.js";

/** A pull request with its details and the marks saying its reviews and details are read. */
export type GraphqlPullRow = PullRequestRow &
  Pick<
    typeof pullRequests.$inferInsert,
    "reviewsSyncedFor" | "detailsSyncedFor" | "firstCommitAt" | "readyForReviewAt"
  >;

/** An account as REST spells it (the shape `applyAccounts` takes); null without a REST id. */
export interface RestAccount {
  id: number;
  login: string;
  type: string;
  avatar_url: string;
}

export function restAccountOf(actor: GraphqlActor | null | undefined): RestAccount | null {
  if (!actor || typeof actor.databaseId !== "number") return null;
  return {
    id: actor.databaseId,
    login: actor.__typename === "Bot" ? `${actor.login}[bot]` : actor.login,
    type: actor.__typename,
    avatar_url: actor.avatarUrl ?? "",
  };
}

/**
 * `commits`: the PR's commits as read (at most 250, like REST's list); the earliest author date
 * among them is the first commit's time, as REST reading computes it. `events`: every page of its
 * timeline events (default: the first page read with it); the first ready-for-review among them.
 */
export function normalizeGraphqlPull(
  repositoryId: number,
  pr: GraphqlPullRequest,
  commits: readonly GraphqlPullCommit[],
  events: readonly (GraphqlPullEvent | null)[] = pr.timelineEvents.nodes,
): GraphqlPullRow {
  const author = restAccountOf(pr.author);
  const updatedAt = requireDate(pr.updatedAt, "pull request updatedAt");
  return {
    id: Number(pr.fullDatabaseId),
    repositoryId,
    number: pr.number,
    title: cleanText(pr.title) ?? "",
    authorId: author?.id ?? null,
    authorLogin: author?.login ?? null,
    state: pr.state === "OPEN" ? "open" : "closed",
    draft: pr.isDraft,
    merged: pr.mergedAt !== null,
    mergedAt: toDate(pr.mergedAt),
    closedAt: toDate(pr.closedAt),
    createdAt: requireDate(pr.createdAt, "pull request createdAt"),
    updatedAt,
    baseRef: pr.baseRefName,
    headRef: pr.headRefName,
    headSha: pr.headRefOid,
    mergeCommitSha: pr.mergeCommit?.oid ?? pr.potentialMergeCommit?.oid ?? null,
    additions: pr.additions,
    deletions: pr.deletions,
    changedFiles: pr.changedFiles,
    firstCommitAt: earliest(commits.map((node) => node.commit.authoredDate)),
    readyForReviewAt: earliest(
      events.map((node) => (node?.__typename === "ReadyForReviewEvent" ? node.createdAt : null)),
    ),
    reviewsSyncedFor: updatedAt,
    detailsSyncedFor: updatedAt,
    deletedAt: null,
  };
}

/** A review → row; null for one without a REST id (GitHub gives every submitted review one). */
export function normalizeGraphqlReview(
  repositoryId: number,
  pullRequestId: number,
  review: GraphqlReview,
): ReviewRow | null {
  if (review.fullDatabaseId === null) return null;
  const author = restAccountOf(review.author);
  return {
    id: Number(review.fullDatabaseId),
    pullRequestId,
    repositoryId,
    authorId: author?.id ?? null,
    authorLogin: author?.login ?? null,
    state: review.state,
    body: cleanText(review.body),
    commitId: review.commit?.oid ?? null,
    submittedAt: toDate(review.submittedAt),
    deletedAt: null,
  };
}
