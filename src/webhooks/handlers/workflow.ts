/**
 * `workflow_run` (requested, in_progress, completed) and `workflow_job` (queued, in_progress,
 * waiting, completed): the run or job from the payload, through the sync's write path. A run keeps
 * its id across re-runs (freshness on `updated_at`); a completed job is never overwritten by a
 * late delivery of an earlier state (mirror/apply-delivery.ts).
 */
import { applyWorkflowJobs, applyWorkflowRuns } from "../../mirror/apply-delivery.js";
import type { Db } from "../../store/database.js";
import type { HandlerResult, WebhookPayload } from "../payload.js";
import { missingObject, unknownAction, type DeliveryPayload } from "./delivery-payload.js";
import { withRepository } from "./repository.js";

const RUN_ACTIONS = new Set(["requested", "in_progress", "completed"]);
const JOB_ACTIONS = new Set(["queued", "in_progress", "waiting", "completed"]);

export async function onWorkflowRun(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const { workflow_run: run, workflow } = payload as DeliveryPayload;
    if (!RUN_ACTIONS.has(payload.action ?? "")) return unknownAction("workflow_run", payload, repositoryId);
    if (!run) return missingObject("workflow_run", repositoryId);
    // The run object of a webhook has no `path`; its workflow has it.
    const path = run.path ?? workflow?.path;
    await applyWorkflowRuns(tx, repositoryId, [path === undefined ? run : { ...run, path }]);
    return { status: "processed", repositoryId };
  });
}

export async function onWorkflowJob(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const job = (payload as DeliveryPayload).workflow_job;
    if (!JOB_ACTIONS.has(payload.action ?? "")) return unknownAction("workflow_job", payload, repositoryId);
    if (!job) return missingObject("workflow_job", repositoryId);
    await applyWorkflowJobs(tx, repositoryId, [job]);
    return { status: "processed", repositoryId };
  });
}
