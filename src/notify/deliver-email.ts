/**
 * The email of one notification to its owner. Exactly once in every path but one: a repeat of
 * the notification (same dedupe key) is not stored, a claimed notification is worked by one
 * worker, and a `sent` row is final. The one exception is a worker dying after the SMTP server
 * accepted the message and before `sent` is recorded: the mail is then sent again after the lease
 * (at-least-once — a lost mail is worse than a rare repeat), with the same Message-ID so mail
 * systems that dedupe by it show it once.
 */
import { loadEmail, settleEmail, startEmail } from "../store/notification-emails.js";
import type { NotificationRow } from "../store/notification-outbox.js";
import { DONE, retryAt, type DispatchEnv, type TargetOutcome } from "./dispatch-env.js";
import type { Mailer, OutgoingEmail } from "./mailer.js";
import { leaseEnd, nextAttemptAt } from "./retry-policy.js";

export function emailFor(notification: NotificationRow, recipient: string): OutgoingEmail {
  return {
    to: recipient,
    subject: notification.title,
    text: `${notification.body}\n\n-- \nghsync notification ${notification.id} (${notification.kind})\n`,
    messageId: `<ghsync-notification-${notification.id}@ghsync>`,
  };
}

export async function deliverEmail(
  env: DispatchEnv,
  mailer: Mailer,
  notification: NotificationRow,
  recipient: string,
): Promise<TargetOutcome> {
  const now = env.now();
  const existing = await loadEmail(env.db, notification.id);
  if (existing?.status === "sent" || (existing && existing.nextAttemptAt === null)) return DONE;
  if (existing?.nextAttemptAt && existing.nextAttemptAt > now) return retryAt(existing.nextAttemptAt);
  const email = emailFor(notification, recipient);
  const started = await startEmail(env.db, {
    notificationId: notification.id,
    recipient,
    messageId: email.messageId,
    at: now,
    inFlightUntil: leaseEnd(env.policy, now),
  });
  if (!started) return DONE;
  try {
    await mailer.send(email);
    await settleEmail(env.db, notification.id, {
      status: "sent",
      error: null,
      nextAttemptAt: null,
      at: env.now(),
    });
    return DONE;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const next = nextAttemptAt(env.policy, started.attempts, env.now());
    env.log.warn(
      { notification: notification.id, attempt: started.attempts, err: message },
      "email not sent",
    );
    await settleEmail(env.db, notification.id, {
      status: "failed",
      error: message,
      nextAttemptAt: next,
      at: env.now(),
    });
    return next ? retryAt(next) : DONE;
  }
}
