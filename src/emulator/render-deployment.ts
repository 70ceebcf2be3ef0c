/** Deployments in GitHub's shapes: `deployment`, `deployment-status` and `environment`. */
import type {
  DeploymentRecord,
  DeploymentStatusRecord,
  EnvironmentRecord,
  RepoRecord,
} from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { repoApiUrl, repoHtmlUrl } from "./render-context.js";
import { actionsApp, jobHtmlUrl } from "./render-actions.js";
import { simpleUser } from "./render-user.js";
import { nodeId } from "./ids.js";
import { iso } from "./time.js";

type Json = Record<string, unknown>;

/** Created by a workflow (GITHUB_TOKEN): performed via the github-actions App, as on GitHub. */
function viaApp(ctx: RenderContext, record: DeploymentRecord): Json | null {
  return record.creator === ctx.world.bots.actions ? actionsApp(ctx) : null;
}

export function renderDeployment(ctx: RenderContext, repo: RepoRecord, deployment: DeploymentRecord): Json {
  const api = repoApiUrl(ctx, repo);
  const url = `${api}/deployments/${deployment.id}`;
  return {
    url,
    id: deployment.id,
    node_id: nodeId("Deployment", deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: {},
    original_environment: deployment.environment,
    environment: deployment.environment,
    description: deployment.description,
    creator: simpleUser(ctx, deployment.creator),
    created_at: iso(deployment.createdAt),
    updated_at: iso(deployment.updatedAt),
    statuses_url: `${url}/statuses`,
    repository_url: api,
    transient_environment: false,
    production_environment: deployment.environment === "production",
    performed_via_github_app: viaApp(ctx, deployment),
  };
}

export function renderDeploymentStatus(
  ctx: RenderContext,
  repo: RepoRecord,
  deployment: DeploymentRecord,
  status: DeploymentStatusRecord,
): Json {
  const api = repoApiUrl(ctx, repo);
  const deploymentUrl = `${api}/deployments/${deployment.id}`;
  const log = status.job ? jobHtmlUrl(ctx, repo, status.job.run.id, status.job.job.id) : "";
  return {
    url: `${deploymentUrl}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId("DeploymentStatus", status.id),
    state: status.state,
    creator: simpleUser(ctx, status.creator),
    description: status.description,
    environment: deployment.environment,
    target_url: log,
    created_at: iso(status.createdAt),
    updated_at: iso(status.createdAt),
    deployment_url: deploymentUrl,
    repository_url: api,
    environment_url: status.environmentUrl,
    log_url: log,
    performed_via_github_app: viaApp(ctx, deployment),
  };
}

export function renderEnvironment(
  ctx: RenderContext,
  repo: RepoRecord,
  environment: EnvironmentRecord,
): Json {
  const name = encodeURIComponent(environment.name);
  return {
    id: environment.id,
    node_id: nodeId("Environment", environment.id),
    name: environment.name,
    url: `${repoApiUrl(ctx, repo)}/environments/${name}`,
    html_url: `${repoHtmlUrl(ctx, repo)}/deployments/activity_log?environments_filter=${name}`,
    created_at: iso(environment.createdAt),
    updated_at: iso(environment.updatedAt),
    protection_rules: [],
    deployment_branch_policy: null,
  };
}
