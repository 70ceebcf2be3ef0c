/**
 * Deployments: GET /deployments (newest first; sha, ref, task, environment), /deployments/{id},
 * /deployments/{id}/statuses (newest first), /deployments/{id}/statuses/{status_id} and
 * /environments (`{total_count, environments}`).
 */
import type { ApiResponse, RepoRequest } from "./api-types.js";
import type { DeploymentRecord } from "./world-types.js";
import { notFound, ok } from "./api-types.js";
import { paginate } from "./paginate.js";
import { renderDeployment, renderDeploymentStatus, renderEnvironment } from "./render-deployment.js";

const DOCS = {
  deployment: "https://docs.github.com/rest/deployments/deployments#get-a-deployment",
  statuses: "https://docs.github.com/rest/deployments/statuses#list-deployment-statuses",
  status: "https://docs.github.com/rest/deployments/statuses#get-a-deployment-status",
};

export function listDeployments(req: RepoRequest): ApiResponse {
  const { query } = req;
  const filters = (["sha", "ref", "task", "environment"] as const).flatMap((name) => {
    const value = query.get(name);
    return value ? [(d: DeploymentRecord) => d[name] === value] : [];
  });
  const deployments = req.repo.deployments.filter((d) => filters.every((test) => test(d))).reverse();
  const page = paginate(deployments, query, req.linkBase);
  return ok(
    page.items.map((d) => renderDeployment(req.ctx, req.repo, d)),
    page.link,
  );
}

function deploymentOf(req: RepoRequest): DeploymentRecord | undefined {
  const id = Number(req.params.deployment);
  return req.repo.deployments.find((d) => d.id === id);
}

export function getDeployment(req: RepoRequest): ApiResponse {
  const deployment = deploymentOf(req);
  return deployment ? ok(renderDeployment(req.ctx, req.repo, deployment)) : notFound(DOCS.deployment);
}

export function listDeploymentStatuses(req: RepoRequest): ApiResponse {
  const deployment = deploymentOf(req);
  if (!deployment) return notFound(DOCS.statuses);
  const statuses = [...deployment.statuses].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  const page = paginate(statuses, req.query, req.linkBase);
  return ok(
    page.items.map((status) => renderDeploymentStatus(req.ctx, req.repo, deployment, status)),
    page.link,
  );
}

export function getDeploymentStatus(req: RepoRequest): ApiResponse {
  const deployment = deploymentOf(req);
  const id = Number(req.params.status);
  const status = deployment?.statuses.find((candidate) => candidate.id === id);
  return deployment && status
    ? ok(renderDeploymentStatus(req.ctx, req.repo, deployment, status))
    : notFound(DOCS.status);
}

export function listEnvironments(req: RepoRequest): ApiResponse {
  const page = paginate(req.repo.environments, req.query, req.linkBase);
  return ok(
    {
      total_count: req.repo.environments.length,
      environments: page.items.map((env) => renderEnvironment(req.ctx, req.repo, env)),
    },
    page.link,
  );
}
