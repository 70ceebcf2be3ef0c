import type { reviewComments } from "../store/schema.js";
import { cleanText, requireDate } from "./dates.js";
import type { GitHubReviewComment } from "./github-delivery-types.js";
import { toId, toOptionalId } from "./ids.js";

export type ReviewCommentRow = typeof reviewComments.$inferInsert;

/** The pull request number is the last segment of the comment's `pull_request_url`. */
export function pullNumberOf(comment: Pick<GitHubReviewComment, "pull_request_url">): number {
  const url = comment.pull_request_url;
  const number = Number(url.slice(url.lastIndexOf("/") + 1));
  if (!Number.isInteger(number)) throw new Error(`review comment pull_request_url has no number: ${url}`);
  return number;
}

/**
 * An inline review comment. `line` is the line in the diff's current version: null once the
 * comment is outdated (GitHub keeps `original_line`, which metrics do not need).
 */
export function normalizeReviewComment(repositoryId: number, comment: GitHubReviewComment): ReviewCommentRow {
  return {
    id: toId(comment.id),
    repositoryId,
    pullRequestNumber: pullNumberOf(comment),
    reviewId: toOptionalId(comment.pull_request_review_id),
    inReplyToId: toOptionalId(comment.in_reply_to_id),
    authorId: toOptionalId(comment.user?.id),
    authorLogin: comment.user?.login ?? null,
    body: cleanText(comment.body),
    path: comment.path,
    line: comment.line ?? null,
    commitId: comment.commit_id,
    createdAt: requireDate(comment.created_at, "review comment created_at"),
    updatedAt: requireDate(comment.updated_at, "review comment updated_at"),
    deletedAt: null,
  };
}
