/**
 * Deployments and their statuses. A deployment's outcome (`latest_state`, `finished_at`) is derived
 * from its statuses by the store (store/deployment-outcome.ts) whichever way they arrived, so the
 * deployment's row leaves those columns out.
 */
import { toId, toOptionalId } from "./ids.js";
import type { deploymentStatuses, deployments } from "../store/schema.js";
import { cleanText, requireDate } from "./dates.js";
import type { GitHubDeployment, GitHubDeploymentStatus } from "./github-delivery-types.js";

export type DeploymentRow = typeof deployments.$inferInsert;
export type DeploymentStatusRow = typeof deploymentStatuses.$inferInsert;

export function normalizeDeployment(repositoryId: number, deployment: GitHubDeployment): DeploymentRow {
  return {
    id: toId(deployment.id),
    repositoryId,
    sha: deployment.sha,
    ref: deployment.ref ?? null,
    task: deployment.task ?? null,
    environment: deployment.environment,
    creatorId: toOptionalId(deployment.creator?.id),
    creatorLogin: deployment.creator?.login ?? null,
    description: cleanText(deployment.description),
    createdAt: requireDate(deployment.created_at, "deployment created_at"),
    updatedAt: requireDate(deployment.updated_at, "deployment updated_at"),
    deletedAt: null,
  };
}

export function normalizeDeploymentStatus(
  repositoryId: number,
  deploymentId: number,
  status: GitHubDeploymentStatus,
): DeploymentStatusRow {
  return {
    id: toId(status.id),
    deploymentId,
    repositoryId,
    state: status.state,
    environment: status.environment ?? null,
    creatorId: toOptionalId(status.creator?.id),
    creatorLogin: status.creator?.login ?? null,
    description: cleanText(status.description),
    createdAt: requireDate(status.created_at, "deployment status created_at"),
  };
}
