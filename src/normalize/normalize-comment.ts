import { toId, toOptionalId } from "./ids.js";
import type { issueComments } from "../store/schema.js";
import { cleanText, requireDate } from "./dates.js";
import type { GitHubIssueComment } from "./github-types.js";

export type CommentRow = typeof issueComments.$inferInsert;

/** The issue (or PR) number is the last segment of the comment's `issue_url`. */
export function issueNumberOf(comment: Pick<GitHubIssueComment, "issue_url">): number {
  const number = Number(comment.issue_url.slice(comment.issue_url.lastIndexOf("/") + 1));
  if (!Number.isInteger(number)) throw new Error(`comment issue_url has no number: ${comment.issue_url}`);
  return number;
}

export function normalizeComment(repositoryId: number, comment: GitHubIssueComment): CommentRow {
  return {
    id: toId(comment.id),
    repositoryId,
    issueNumber: issueNumberOf(comment),
    authorId: toOptionalId(comment.user?.id),
    authorLogin: comment.user?.login ?? null,
    body: cleanText(comment.body),
    createdAt: requireDate(comment.created_at, "comment created_at"),
    updatedAt: requireDate(comment.updated_at, "comment updated_at"),
    deletedAt: null,
  };
}
