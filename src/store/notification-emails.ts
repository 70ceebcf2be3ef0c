/**
 * `notification_emails`: the email of one notification. `sent` is final — no path sends it again.
 * Before handing the message to SMTP the row is marked `sending` (in flight until a lease ends);
 * the only way a mail goes out twice is a worker dying between the server's acceptance and the
 * `sent` update (at-least-once in that window, with the same Message-ID).
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "./database.js";
import { notificationEmails } from "./schema.js";

export type NotificationEmailRow = typeof notificationEmails.$inferSelect;

export async function loadEmail(db: Db, notificationId: number): Promise<NotificationEmailRow | undefined> {
  const [row] = await db
    .select()
    .from(notificationEmails)
    .where(eq(notificationEmails.notificationId, notificationId));
  return row;
}

/** Marks the email in flight (attempt + 1); undefined when it is already sent. */
export async function startEmail(
  db: Db,
  email: { notificationId: number; recipient: string; messageId: string; at: Date; inFlightUntil: Date },
): Promise<NotificationEmailRow | undefined> {
  const inFlight = { status: "sending" as const, nextAttemptAt: email.inFlightUntil, updatedAt: email.at };
  const [row] = await db
    .insert(notificationEmails)
    .values({
      notificationId: email.notificationId,
      recipient: email.recipient,
      messageId: email.messageId,
      ...inFlight,
      attempts: 1,
    })
    .onConflictDoUpdate({
      target: notificationEmails.notificationId,
      set: { ...inFlight, attempts: sql`${notificationEmails.attempts} + 1` },
      setWhere: ne(notificationEmails.status, "sent"),
    })
    .returning();
  return row;
}

export async function settleEmail(
  db: Db,
  notificationId: number,
  outcome: { status: "sent" | "failed"; error: string | null; nextAttemptAt: Date | null; at: Date },
): Promise<void> {
  await db
    .update(notificationEmails)
    .set({
      status: outcome.status,
      error: outcome.error,
      nextAttemptAt: outcome.nextAttemptAt,
      updatedAt: outcome.at,
      ...(outcome.status === "sent" ? { sentAt: outcome.at } : {}),
    })
    .where(
      and(eq(notificationEmails.notificationId, notificationId), eq(notificationEmails.status, "sending")),
    );
}
