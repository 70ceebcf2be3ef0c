/**
 * `pull_request` (every action: opened, synchronize, closed with merged, reopened, edited,
 * ready_for_review, converted_to_draft…) and `pull_request_review` (submitted, edited, dismissed):
 * the pull request, and the review, from the payload. An older payload never overwrites a newer row;
 * one of the same second that says otherwise is not written, and GitHub is asked (mirror/ambiguous.ts);
 * a review, which has no `updated_at`, likewise (its dismissal is final).
 */
import { toId } from "../../normalize/ids.js";
import type { Db } from "../../store/database.js";
import { applyPullRequests, applyReviews } from "../../mirror/apply.js";
import type { HandlerResult, WebhookPayload } from "../payload.js";
import { withRepository } from "./repository.js";
import { ambiguousPull, reviewOrder } from "../../mirror/ambiguous.js";
import type { RefreshItem } from "../../contract/jobs.js";

/** What a payload cannot be ordered against: kept as stored, read again from GitHub. */
function readFromGitHub(repositoryId: number, refresh: RefreshItem[]): HandlerResult {
  return {
    status: "processed",
    reason: "same updated_at as the stored row, other content: read again from GitHub",
    repositoryId,
    refresh,
  };
}

export async function onPullRequest(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const pull = payload.pull_request;
    if (!pull) return { status: "ignored", reason: "no pull_request in the payload", repositoryId };
    if (await ambiguousPull(tx, pull))
      return readFromGitHub(repositoryId, [{ kind: "pull", number: pull.number }]);
    await applyPullRequests(tx, repositoryId, [pull]);
    return { status: "processed", repositoryId };
  });
}

export async function onPullRequestReview(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const { pull_request: pull, review } = payload;
    if (!pull || !review)
      return { status: "ignored", reason: "no pull_request or review in the payload", repositoryId };
    const refresh: RefreshItem[] = [];
    const order = await reviewOrder(tx, review);
    if (order === "newer") await applyReviews(tx, repositoryId, toId(pull.id), [review]);
    if (order === "ambiguous") refresh.push({ kind: "reviews", number: pull.number });
    if (await ambiguousPull(tx, pull)) refresh.push({ kind: "pull", number: pull.number });
    else await applyPullRequests(tx, repositoryId, [pull]);
    if (refresh.length > 0) return readFromGitHub(repositoryId, refresh);
    if (order === "stale")
      return {
        status: "processed",
        reason: "an earlier state of a dismissed review: kept dismissed",
        repositoryId,
      };
    return { status: "processed", repositoryId };
  });
}
