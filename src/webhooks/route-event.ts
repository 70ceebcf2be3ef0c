/**
 * Which handler applies an event (DESIGN.md, Contract: every signed delivery is applied, also for
 * repositories not tracked). Unknown events are stored and `ignored`; installation events are
 * stored and `ignored` while no GitHub App is configured.
 */
import type { Db } from "../store/database.js";
import { onIssueComment, onIssues } from "./handlers/issues.js";
import { onPullRequest, onPullRequestReview } from "./handlers/pull-request.js";
import { onPush } from "./handlers/push.js";
import { onRepository } from "./handlers/repository.js";
import type { HandlerResult, WebhookPayload } from "./payload.js";

type Handler = (tx: Db, payload: WebhookPayload) => Promise<HandlerResult>;

const handlers: Record<string, Handler> = {
  ping: async () => ({ status: "processed", reason: "ping" }),
  repository: onRepository,
  push: onPush,
  pull_request: onPullRequest,
  pull_request_review: onPullRequestReview,
  issues: onIssues,
  issue_comment: onIssueComment,
};

export const HANDLED_EVENTS = Object.keys(handlers);

export async function routeEvent(
  tx: Db,
  event: string | null,
  payload: WebhookPayload,
): Promise<HandlerResult> {
  if (event === "installation" || event === "installation_repositories") {
    return { status: "ignored", reason: "stored; no GitHub App is configured to act on installation events" };
  }
  const handler = event ? handlers[event] : undefined;
  if (!handler) return { status: "ignored", reason: `event ${event ?? "(none)"} is not handled` };
  return handler(tx, payload);
}
