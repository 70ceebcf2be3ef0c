/**
 * `deployment` (created) and `deployment_status` (created): the deployment, and the status with it,
 * through the sync's write path; the deployment's `latest_state` and `finished_at` are derived from
 * the statuses the mirror holds, whatever order they arrived in (store/delivery-rows.ts).
 */
import { applyDeployments, applyDeploymentStatuses } from "../../mirror/apply-delivery.js";
import { toId } from "../../normalize/ids.js";
import type { Db } from "../../store/database.js";
import type { HandlerResult, WebhookPayload } from "../payload.js";
import { missingObject, unknownAction, type DeliveryPayload } from "./delivery-payload.js";
import { withRepository } from "./repository.js";

export async function onDeployment(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const deployment = (payload as DeliveryPayload).deployment;
    if (payload.action !== "created") return unknownAction("deployment", payload, repositoryId);
    if (!deployment) return missingObject("deployment", repositoryId);
    await applyDeployments(tx, repositoryId, [deployment]);
    return { status: "processed", repositoryId };
  });
}

export async function onDeploymentStatus(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const { deployment, deployment_status: status } = payload as DeliveryPayload;
    if (payload.action !== "created") return unknownAction("deployment_status", payload, repositoryId);
    if (!deployment || !status) return missingObject("deployment or deployment_status", repositoryId);
    await applyDeployments(tx, repositoryId, [deployment]);
    await applyDeploymentStatuses(tx, repositoryId, toId(deployment.id), [status]);
    return { status: "processed", repositoryId };
  });
}
