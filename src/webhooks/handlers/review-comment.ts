/**
 * `pull_request_review_comment` (created, edited, deleted): the inline comment from the payload,
 * and its pull request (so the comment never waits for its parent). An older payload never
 * overwrites a newer comment (`updated_at`); `deleted` is a tombstone. A pull request the payload
 * cannot be ordered against is left as stored and read again from GitHub (mirror/ambiguous.ts).
 * https://docs.github.com/webhooks/webhook-events-and-payloads#pull_request_review_comment
 */
import type { GitHubReviewComment } from "../../normalize/github-delivery-types.js";
import { toId } from "../../normalize/ids.js";
import type { Db } from "../../store/database.js";
import { reviewComments } from "../../store/schema.js";
import { markDeleted } from "../../store/tombstones.js";
import { applyPullRequests } from "../../mirror/apply.js";
import { applyReviewComments } from "../../mirror/apply-conversation.js";
import { ambiguousPull } from "../../mirror/ambiguous.js";
import type { HandlerResult, WebhookPayload } from "../payload.js";
import { withRepository } from "./repository.js";

/** The delivery's `comment` is a review comment, not the issue comment of `issue_comment`. */
type ReviewCommentPayload = Omit<WebhookPayload, "comment"> & { comment?: GitHubReviewComment };

export async function onPullRequestReviewComment(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const { comment, pull_request: pull } = payload as ReviewCommentPayload;
    if (!comment) return { status: "ignored", reason: "no comment in the payload", repositoryId };
    const ambiguous = pull ? await ambiguousPull(tx, pull) : false;
    if (pull && !ambiguous) await applyPullRequests(tx, repositoryId, [pull]);
    await applyReviewComments(tx, repositoryId, [comment]);
    if (payload.action === "deleted") await markDeleted(tx, reviewComments, [toId(comment.id)], new Date());
    if (pull && ambiguous)
      return {
        status: "processed",
        reason: "same updated_at as the stored pull request, other content: read again from GitHub",
        repositoryId,
        refresh: [{ kind: "pull", number: pull.number }],
      };
    return { status: "processed", repositoryId };
  });
}
