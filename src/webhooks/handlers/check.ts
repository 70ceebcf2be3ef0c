/**
 * `check_suite` (requested, rerequested, completed) and `check_run` (created, completed,
 * rerequested, requested_action): the suite or run from the payload (a run's payload carries its
 * suite, written too), through the sync's write path. Suites are ordered by `updated_at`; a
 * completed check run is never overwritten by a late delivery of an earlier state, and a check the
 * mirror retired (tombstoned) is not brought back by one.
 */
import { applyDeliveredCheckRuns, applyDeliveredCheckSuites } from "../../mirror/apply-delivery.js";
import type { GitHubCheckSuite } from "../../normalize/github-delivery-types.js";
import type { Db } from "../../store/database.js";
import type { HandlerResult, WebhookPayload } from "../payload.js";
import { missingObject, unknownAction, type DeliveryPayload } from "./delivery-payload.js";
import { withRepository } from "./repository.js";

const SUITE_ACTIONS = new Set(["requested", "rerequested", "completed"]);
const RUN_ACTIONS = new Set(["created", "completed", "rerequested", "requested_action"]);

export async function onCheckSuite(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const suite = (payload as DeliveryPayload).check_suite;
    if (!SUITE_ACTIONS.has(payload.action ?? "")) return unknownAction("check_suite", payload, repositoryId);
    if (!suite) return missingObject("check_suite", repositoryId);
    await applyDeliveredCheckSuites(tx, repositoryId, [suite]);
    return { status: "processed", repositoryId };
  });
}

export async function onCheckRun(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  return withRepository(tx, payload, async (repositoryId) => {
    const run = (payload as DeliveryPayload).check_run;
    if (!RUN_ACTIONS.has(payload.action ?? "")) return unknownAction("check_run", payload, repositoryId);
    if (!run) return missingObject("check_run", repositoryId);
    // The run's suite as the payload has it (same fields as the suite list's, minus a few).
    const suite = run.check_suite as Partial<GitHubCheckSuite> | null | undefined;
    if (suite?.id !== undefined && suite.head_sha !== undefined)
      await applyDeliveredCheckSuites(tx, repositoryId, [suite as GitHubCheckSuite]);
    await applyDeliveredCheckRuns(tx, repositoryId, [run]);
    return { status: "processed", repositoryId };
  });
}
