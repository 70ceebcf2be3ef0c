import { toId, toOptionalId } from "./ids.js";
import type { pullRequestReviews } from "../store/schema.js";
import { cleanText, toDate } from "./dates.js";
import type { GitHubReview } from "./github-types.js";

export type ReviewRow = typeof pullRequestReviews.$inferInsert;

export function normalizeReview(
  repositoryId: number,
  pullRequestId: number,
  review: GitHubReview,
): ReviewRow {
  return {
    id: toId(review.id),
    pullRequestId,
    repositoryId,
    authorId: toOptionalId(review.user?.id),
    authorLogin: review.user?.login ?? null,
    // Webhook payloads spell states in lower case ("approved"); the REST API in upper case.
    state: review.state.toUpperCase(),
    body: cleanText(review.body),
    commitId: review.commit_id ?? null,
    submittedAt: toDate(review.submitted_at),
    deletedAt: null,
  };
}
