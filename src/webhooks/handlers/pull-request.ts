/**
 * `pull_request` (every action: opened, synchronize, closed with merged, reopened, edited,
 * ready_for_review, converted_to_draft…) and `pull_request_review` (submitted, edited, dismissed):
 * the pull request, and the review, from the payload. An older payload never overwrites a newer row.
 */
import { toId } from "../../normalize/ids.js";
import type { Db } from "../../store/database.js";
import { applyPullRequests, applyReviews } from "../../mirror/apply.js";
import type { HandlerResult, WebhookPayload } from "../payload.js";
import { withRepository } from "./repository.js";

export async function onPullRequest(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    if (!payload.pull_request)
      return { status: "ignored", reason: "no pull_request in the payload", repositoryId };
    await applyPullRequests(tx, repositoryId, [payload.pull_request]);
    return { status: "processed", repositoryId };
  });
}

export async function onPullRequestReview(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const { pull_request: pull, review } = payload;
    if (!pull || !review)
      return { status: "ignored", reason: "no pull_request or review in the payload", repositoryId };
    await applyPullRequests(tx, repositoryId, [pull]);
    await applyReviews(tx, repositoryId, toId(pull.id), [review]);
    return { status: "processed", repositoryId };
  });
}
