/**
 * `pull_request` (every action: opened, synchronize, closed with merged, reopened, edited,
 * ready_for_review, converted_to_draft…) and `pull_request_review` (submitted, edited, dismissed):
 * the pull request, and the review, from the payload. An older payload never overwrites a newer row;
 * one of the same second that says otherwise is not written, and GitHub is asked (mirror/ambiguous.ts).
 */
import { toId } from "../../normalize/ids.js";
import type { Db } from "../../store/database.js";
import { applyPullRequests, applyReviews } from "../../mirror/apply.js";
import type { HandlerResult, WebhookPayload } from "../payload.js";
import { withRepository } from "./repository.js";
import { ambiguousPull } from "../../mirror/ambiguous.js";

/** A pull request the payload cannot be ordered against: kept as stored, read again from GitHub. */
function readFromGitHub(repositoryId: number, number: number): HandlerResult {
  return {
    status: "processed",
    reason: "same updated_at as the stored pull request, other content: read again from GitHub",
    repositoryId,
    refresh: [{ kind: "pull", number }],
  };
}

export async function onPullRequest(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const pull = payload.pull_request;
    if (!pull) return { status: "ignored", reason: "no pull_request in the payload", repositoryId };
    if (await ambiguousPull(tx, pull)) return readFromGitHub(repositoryId, pull.number);
    await applyPullRequests(tx, repositoryId, [pull]);
    return { status: "processed", repositoryId };
  });
}

export async function onPullRequestReview(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const { pull_request: pull, review } = payload;
    if (!pull || !review)
      return { status: "ignored", reason: "no pull_request or review in the payload", repositoryId };
    await applyReviews(tx, repositoryId, toId(pull.id), [review]);
    if (await ambiguousPull(tx, pull)) return readFromGitHub(repositoryId, pull.number);
    await applyPullRequests(tx, repositoryId, [pull]);
    return { status: "processed", repositoryId };
  });
}
