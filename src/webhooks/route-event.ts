/**
 * Which handler applies an event (DESIGN.md, Contract: every signed delivery is applied, also for
 * repositories not tracked). Unknown events are stored and `ignored`; installation events are
 * applied when ghsync runs as a GitHub App, else stored and `ignored`.
 */
import type { Db } from "../store/database.js";
import { onCheckRun, onCheckSuite } from "./handlers/check.js";
import { onDeployment, onDeploymentStatus } from "./handlers/deployment.js";
import { onInstallation } from "./handlers/installation.js";
import { onIssueComment, onIssues } from "./handlers/issues.js";
import { onPullRequest, onPullRequestReview } from "./handlers/pull-request.js";
import { onPush } from "./handlers/push.js";
import { onRelease } from "./handlers/release.js";
import { onRepository } from "./handlers/repository.js";
import { onWorkflowJob, onWorkflowRun } from "./handlers/workflow.js";
import { onPullRequestReviewComment } from "./handlers/review-comment.js";
import { onMembership, onTeam } from "./handlers/team.js";
import type { HandlerResult, WebhookPayload } from "./payload.js";

type Handler = (tx: Db, payload: WebhookPayload) => Promise<HandlerResult>;

const handlers: Record<string, Handler> = {
  ping: async () => ({ status: "processed", reason: "ping" }),
  repository: onRepository,
  push: onPush,
  pull_request: onPullRequest,
  pull_request_review: onPullRequestReview,
  pull_request_review_comment: onPullRequestReviewComment,
  issues: onIssues,
  issue_comment: onIssueComment,
  workflow_run: onWorkflowRun,
  workflow_job: onWorkflowJob,
  check_suite: onCheckSuite,
  check_run: onCheckRun,
  deployment: onDeployment,
  deployment_status: onDeploymentStatus,
  release: onRelease,
  team: onTeam,
  membership: onMembership,
};

export const HANDLED_EVENTS = Object.keys(handlers);

export async function routeEvent(
  tx: Db,
  event: string | null,
  payload: WebhookPayload,
  context: { appConfigured: boolean },
): Promise<HandlerResult> {
  if (event === "installation" || event === "installation_repositories") {
    if (!context.appConfigured) {
      return {
        status: "ignored",
        reason: "stored; no GitHub App is configured to act on installation events",
      };
    }
    return onInstallation(tx, event, payload);
  }
  const handler = event ? handlers[event] : undefined;
  if (!handler) return { status: "ignored", reason: `event ${event ?? "(none)"} is not handled` };
  return handler(tx, payload);
}
