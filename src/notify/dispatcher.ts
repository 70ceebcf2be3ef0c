/**
 * Fans the outbox out: claims each ready notification (one worker per row, see
 * store/notification-outbox.ts), sends it to every channel it is due on — the owner's email for
 * the emailed kinds, every active target subscribed to its kind — and marks it dispatched once
 * every channel is done, or rests it until the earliest retry. Any number of workers may run this.
 */
import {
  claimNextNotification,
  markDispatched,
  notificationOwner,
  postponeDispatch,
  type NotificationRow,
} from "../store/notification-outbox.js";
import { targetsFor } from "../store/outgoing-webhooks.js";
import { deliverEmail } from "./deliver-email.js";
import { deliverToTarget } from "./deliver-webhook.js";
import type { DispatchEnv, TargetOutcome } from "./dispatch-env.js";
import { leaseEnd } from "./retry-policy.js";
import { EMAIL_KINDS } from "./targets.js";

/** Upper bound of notifications one pass works on (the next pass continues). */
const PASS_LIMIT = 500;

/** Dispatches every notification ready now; returns how many it worked on. */
export async function dispatchReady(env: DispatchEnv): Promise<number> {
  let handled = 0;
  while (handled < PASS_LIMIT) {
    const now = env.now();
    const notification = await claimNextNotification(env.db, now, leaseEnd(env.policy, now));
    if (!notification) break;
    handled++;
    try {
      await dispatchNotification(env, notification);
    } catch (error) {
      // Left claimed: it is tried again when its lease ends; the others go on now.
      env.log.warn({ notification: notification.id, err: error }, "notification dispatch failed");
    }
  }
  return handled;
}

async function dispatchNotification(env: DispatchEnv, notification: NotificationRow): Promise<void> {
  const owner = await notificationOwner(env.db, notification.userId);
  const channels: Promise<TargetOutcome>[] = [];
  if (owner) {
    if (env.mailer && owner.email && EMAIL_KINDS.has(notification.kind))
      channels.push(deliverEmail(env, env.mailer, notification, owner.email));
    for (const target of await targetsFor(env.db, owner.id, notification.kind, notification.createdAt))
      channels.push(deliverToTarget(env, notification, target, owner));
  }
  // Channels are independent: a slow or dead target does not hold up the email or the others.
  const outcomes = await Promise.all(channels);
  const retries = outcomes.flatMap((outcome) => (outcome.done ? [] : [outcome.retryAt.getTime()]));
  if (retries.length === 0) await markDispatched(env.db, notification.id, env.now());
  else await postponeDispatch(env.db, notification.id, new Date(Math.min(...retries)));
}
