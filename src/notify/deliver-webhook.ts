/**
 * One notification to one outgoing target, one attempt per call at most: skip what is settled
 * (delivered, refused, given up) or not yet due, otherwise record the attempt, send, and settle it
 * with the next retry time. Webhook delivery is at-least-once — a worker dying mid-request makes a
 * new attempt later — and every attempt carries the same X-Ghsync-Delivery for receivers to dedupe.
 */
import type { NotificationRow } from "../store/notification-outbox.js";
import { latestAttempt, settleAttempt, startAttempt } from "../store/outgoing-deliveries.js";
import { recordTargetSuccess, type OutgoingWebhookRow } from "../store/outgoing-webhooks.js";
import { countTargetFailure } from "./disable-target.js";
import { DONE, retryAt, type DispatchEnv, type TargetOutcome } from "./dispatch-env.js";
import { leaseEnd, nextAttemptAt } from "./retry-policy.js";
import { sendToTarget } from "./send-to-target.js";
import { deliveryId } from "./sign.js";

export async function deliverToTarget(
  env: DispatchEnv,
  notification: NotificationRow,
  target: OutgoingWebhookRow,
  owner: { login: string },
): Promise<TargetOutcome> {
  const now = env.now();
  const last = await latestAttempt(env.db, target.id, notification.id);
  if (last?.nextAttemptAt === null) return DONE;
  if (last?.nextAttemptAt && last.nextAttemptAt > now) return retryAt(last.nextAttemptAt);
  if (last?.status === "sending") {
    // Its worker died before recording the answer (the in-flight lease ran out).
    await settleAttempt(env.db, last.id, {
      status: "failed",
      responseStatus: null,
      error: "the worker stopped before the answer was recorded",
      durationMs: 0,
      nextAttemptAt: null,
    });
  }
  const attempt = (last?.attempt ?? 0) + 1;
  const row = await startAttempt(env.db, {
    webhookId: target.id,
    notificationId: notification.id,
    event: notification.kind,
    attempt,
    at: now,
    inFlightUntil: leaseEnd(env.policy, now),
  });
  if (!row) return retryAt(leaseEnd(env.policy, now));
  const sent = await sendToTarget(env, notification, target, deliveryId(notification.id, target.id));
  const next = sent.status === "failed" ? nextAttemptAt(env.policy, attempt, env.now()) : null;
  await settleAttempt(env.db, row.id, { ...sent, nextAttemptAt: next });
  if (sent.status === "delivered") {
    await recordTargetSuccess(env.db, target.id);
    return DONE;
  }
  const disabled = await countTargetFailure(env, target, owner, sent.error ?? `status ${sent.status}`);
  return next && !disabled ? retryAt(next) : DONE;
}
