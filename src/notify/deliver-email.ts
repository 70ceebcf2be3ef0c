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

/** The dashboard page a notification is about. */
function pageOf(kind: string): { path: string; name: string } {
  if (kind.startsWith("goal.")) return { path: "/goals", name: "your goals" };
  if (kind.startsWith("sync.")) return { path: "/sync", name: "the sync page" };
  return { path: "/notifications", name: "your notifications" };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The email of a notification: its sentence in plain text and in HTML, with a link to the page it
 * is about when the dashboard's address is known (GHSYNC_PUBLIC_URL).
 */
export function emailFor(
  notification: Pick<NotificationRow, "id" | "kind" | "title" | "body">,
  recipient: string,
  publicUrl?: string,
): OutgoingEmail {
  const body = notification.body ?? "";
  const page = pageOf(notification.kind);
  const link = publicUrl ? `${publicUrl}${page.path}` : null;
  const footer = `ghsync notification ${notification.id} (${notification.kind})`;
  const text = [body, link ? `Open ${page.name}: ${link}` : null, `-- \n${footer}`]
    .filter((part) => part)
    .join("\n\n");
  const html = [
    `<!doctype html><html><body style="font-family: system-ui, sans-serif; line-height: 1.5">`,
    `<h1 style="font-size: 1.2em">${escapeHtml(notification.title)}</h1>`,
    body ? `<p>${escapeHtml(body)}</p>` : "",
    link ? `<p><a href="${escapeHtml(link)}">Open ${escapeHtml(page.name)}</a></p>` : "",
    `<p style="color: #666; font-size: 0.85em">${escapeHtml(footer)}</p>`,
    `</body></html>`,
  ].join("");
  return {
    to: recipient,
    subject: notification.title,
    text: `${text}\n`,
    html,
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
  const email = emailFor(notification, recipient, env.publicUrl);
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
