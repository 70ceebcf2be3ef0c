/**
 * What the delivery-data handlers read of a payload (`workflow_run`, `workflow_job`,
 * `check_suite`, `check_run`, `deployment`, `deployment_status`, `release`): the REST objects the
 * normalizers read, with the fields webhooks leave out absorbed there.
 */
import type {
  GitHubCheckRun,
  GitHubCheckSuite,
  GitHubDeployment,
  GitHubDeploymentStatus,
  GitHubRelease,
  GitHubWorkflowJob,
  GitHubWorkflowRun,
} from "../../normalize/github-delivery-types.js";
import type { HandlerResult, WebhookPayload } from "../payload.js";

export interface DeliveryPayload extends WebhookPayload {
  workflow_run?: GitHubWorkflowRun;
  /** The run's workflow: its file `path`, which the run object of a webhook leaves out. */
  workflow?: { path?: string } | null;
  workflow_job?: GitHubWorkflowJob;
  check_suite?: GitHubCheckSuite;
  check_run?: GitHubCheckRun;
  deployment?: GitHubDeployment;
  deployment_status?: GitHubDeploymentStatus;
  release?: GitHubRelease;
}

/** An action this handler does not know (GitHub adds some): stored and `ignored`. */
export function unknownAction(event: string, payload: WebhookPayload, repositoryId: number): HandlerResult {
  return {
    status: "ignored",
    reason: `${event} action ${payload.action ?? "(none)"} is not handled`,
    repositoryId,
  };
}

/** The payload lacks the object its event is about. */
export function missingObject(name: string, repositoryId: number): HandlerResult {
  return { status: "ignored", reason: `no ${name} in the payload`, repositoryId };
}
