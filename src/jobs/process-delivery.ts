/**
 * Applies one inbox delivery: in a transaction that holds its row, route the event, write the
 * rows, record the outcome — so a delivery is applied exactly once, whichever process gets it.
 * A failure leaves it `failed` with the error and, when transient (jobs/classify-failure.ts), a next
 * attempt (exponential back-off, 10 tries);
 * follow-up syncs (see webhooks/handlers/push.ts) are queued after the commit. The receiver calls
 * it right after answering GitHub; the queue calls it for retries and recovery.
 */
import type { Database } from "../store/database.js";
import { markFailed, payloadOf, processLocked } from "../store/webhook-deliveries.js";
import { needsBackfill } from "../store/tracking.js";
import type { Logger } from "../util/logger.js";
import type { WebhookPayload } from "../webhooks/payload.js";
import { routeEvent } from "../webhooks/route-event.js";
import { classifyFailure } from "./classify-failure.js";
import { enqueueSync } from "./enqueue.js";
import { requestGoalEvaluation } from "./goal-jobs.js";
import { QUEUES, type JobQueue } from "./queue.js";

export interface DeliveryEnv {
  database: Database;
  queue: JobQueue;
  log: Logger;
  /** ghsync runs as a GitHub App: installation events are acted on. */
  appConfigured: boolean;
}

export const MAX_DELIVERY_ATTEMPTS = 10;

export type ProcessOutcome = "processed" | "ignored" | "failed" | "skipped";

export async function processDelivery(env: DeliveryEnv, deliveryId: number): Promise<ProcessOutcome> {
  const db = env.database.db;
  try {
    const result = await processLocked(db, deliveryId, async (tx, row) => {
      const payload = JSON.parse(payloadOf(row).toString("utf8")) as WebhookPayload;
      return routeEvent(tx, row.event, payload, { appConfigured: env.appConfigured });
    });
    if (!result) return "skipped"; // done already, or another process holds it
    if (result.status === "processed") await requestGoalEvaluation(env.queue, env.log);
    const access = { db, queue: env.queue };
    // What a payload could not be ordered against is read again by an incremental sync.
    if (result.refresh?.length && result.repositoryId)
      await enqueueSync(access, {
        type: (await needsBackfill(db, result.repositoryId)) ? "backfill" : "incremental",
        repositoryId: result.repositoryId,
        params: { refresh: result.refresh },
      });
    for (const repositoryId of result.syncRepositories ?? []) {
      const type = (await needsBackfill(db, repositoryId)) ? "backfill" : "incremental";
      await enqueueSync(access, { type, repositoryId });
    }
    for (const { fullName, installationId } of result.trackRepositories ?? []) {
      await enqueueSync(access, {
        type: "backfill",
        target: fullName,
        params: { depth: "30d", track: true, installationId },
      });
    }
    return result.status;
  } catch (error) {
    // A bug (or a non-retryable error) fails the delivery now: another attempt would repeat it.
    const failure = classifyFailure(error);
    const failed = await markFailed(db, deliveryId, failure.message, {
      maxAttempts: failure.transient ? MAX_DELIVERY_ATTEMPTS : 0,
      baseDelayS: 5,
    });
    env.log.warn({ delivery: deliveryId, attempts: failed?.attempts, err: error }, "webhook delivery failed");
    if (failed?.nextAttemptAt) {
      await env.queue
        .send(QUEUES.webhook, { deliveryId }, { startAfter: failed.nextAttemptAt })
        .catch((sendError: unknown) => env.log.warn({ err: sendError }, "could not queue a delivery retry"));
    }
    return "failed";
  }
}
