/**
 * Payloads of the delivery events (compare @octokit/webhooks-examples): `workflow_run` (with its
 * `workflow`), `workflow_job`, `check_suite`, `check_run` (its `check_suite` the suite's summary),
 * `deployment` and `deployment_status` (with the run and check run behind them), `release`,
 * `pull_request_review_comment`; and the organization events `membership` and `team`. Rendered
 * with the REST renderers, so they equal what the API serves at that moment.
 */
import type { ChangeRecord } from "./change-record.js";
import type { Account, TeamRecord } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { renderCheckRun, renderCheckSuite, renderJob, renderRun, renderWorkflow } from "./render-actions.js";
import { renderDeployment, renderDeploymentStatus } from "./render-deployment.js";
import { renderRelease } from "./render-release.js";
import { renderReviewComment } from "./render-review-comment.js";
import { renderTeam } from "./render-team.js";
import { pullRequestSimple } from "./render-pull.js";
import { simpleUser } from "./render-user.js";

type Payload = Record<string, unknown>;

const SUITE_SUMMARY = [
  "id",
  "node_id",
  "head_branch",
  "head_sha",
  "status",
  "conclusion",
  "url",
  "before",
  "after",
  "pull_requests",
  "app",
  "created_at",
  "updated_at",
] as const;

function missing(what: string, event: string): never {
  throw new Error(`${event} change without its ${what}`);
}

/** The body of a delivery event (besides action, repository, organization and sender). */
export function deliveryBody(ctx: RenderContext, record: ChangeRecord): Payload {
  const { change, repo, run, job } = record;
  const event = change.type;
  switch (event) {
    case "workflow_run":
      if (!run) return missing("run", event);
      return { workflow_run: renderRun(ctx, repo, run), workflow: renderWorkflow(ctx, repo, run.workflow) };
    case "workflow_job":
      if (!run || !job) return missing("job", event);
      return { workflow_job: renderJob(ctx, repo, run, job) };
    case "check_suite":
      if (!run) return missing("run", event);
      return { check_suite: renderCheckSuite(ctx, repo, run) };
    case "check_run": {
      if (!run || !job) return missing("job", event);
      const suite = renderCheckSuite(ctx, repo, run);
      const summary = Object.fromEntries(SUITE_SUMMARY.map((key) => [key, suite[key]]));
      return { check_run: { ...renderCheckRun(ctx, repo, run, job), check_suite: summary } };
    }
    case "deployment":
      if (!record.deployment) return missing("deployment", event);
      return {
        deployment: renderDeployment(ctx, repo, record.deployment),
        ...(run
          ? { workflow: renderWorkflow(ctx, repo, run.workflow), workflow_run: renderRun(ctx, repo, run) }
          : {}),
      };
    case "deployment_status":
      if (!record.deployment || !record.deploymentStatus) return missing("deployment status", event);
      return {
        deployment_status: renderDeploymentStatus(ctx, repo, record.deployment, record.deploymentStatus),
        deployment: renderDeployment(ctx, repo, record.deployment),
        ...(run && job
          ? { check_run: renderCheckRun(ctx, repo, run, job), workflow_run: renderRun(ctx, repo, run) }
          : {}),
      };
    case "release":
      if (!record.release) return missing("release", event);
      return { release: renderRelease(ctx, repo, record.release) };
    case "pull_request_review_comment": {
      const comment = record.reviewComment;
      if (!comment || !record.thread) return missing("comment", event);
      const changes =
        change.action === "edited" && record.previous?.body !== undefined
          ? { changes: { body: { from: record.previous.body } } }
          : {};
      return {
        ...changes,
        comment: renderReviewComment(ctx, repo, comment),
        pull_request: pullRequestSimple(ctx, repo, record.thread),
      };
    }
    default:
      return {};
  }
}

/** `membership` added/removed: a member of a team (scope team). */
export function membershipPayload(
  ctx: RenderContext,
  action: "added" | "removed",
  team: TeamRecord,
  member: Account,
  sender: Account,
  organization: Payload,
): Payload {
  return {
    action,
    scope: "team",
    member: simpleUser(ctx, member),
    sender: simpleUser(ctx, sender),
    team: renderTeam(ctx, team),
    organization,
  };
}

/** `team` created. */
export function teamPayload(
  ctx: RenderContext,
  team: TeamRecord,
  sender: Account,
  organization: Payload,
): Payload {
  return { action: "created", team: renderTeam(ctx, team), organization, sender: simpleUser(ctx, sender) };
}
