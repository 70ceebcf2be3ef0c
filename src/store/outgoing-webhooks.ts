/**
 * Users' outgoing targets (signed webhooks, Slack, Discord): create, list, delete, re-enable, the
 * targets a notification goes to, and the failure counter that disables a target.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { TargetEvent, TargetKind } from "../contract/enums.js";
import type { Db } from "./database.js";
import { outgoingWebhooks } from "./schema.js";

export type OutgoingWebhookRow = typeof outgoingWebhooks.$inferSelect;

export interface NewOutgoingWebhook {
  userId: number;
  kind: TargetKind;
  /** As shown; the whole URL is in `urlEncrypted`. */
  url: string;
  urlEncrypted: string;
  events: TargetEvent[];
  secretEncrypted: string;
}

export async function createWebhook(db: Db, webhook: NewOutgoingWebhook): Promise<OutgoingWebhookRow> {
  const [row] = await db.insert(outgoingWebhooks).values(webhook).returning();
  if (!row) throw new Error("inserting an outgoing webhook returned no row");
  return row;
}

export async function listWebhooks(db: Db, userId: number): Promise<OutgoingWebhookRow[]> {
  return db
    .select()
    .from(outgoingWebhooks)
    .where(eq(outgoingWebhooks.userId, userId))
    .orderBy(asc(outgoingWebhooks.id));
}

export async function findWebhook(
  db: Db,
  userId: number,
  id: number,
): Promise<OutgoingWebhookRow | undefined> {
  const [row] = await db
    .select()
    .from(outgoingWebhooks)
    .where(and(eq(outgoingWebhooks.userId, userId), eq(outgoingWebhooks.id, id)));
  return row;
}

/** Deletes the target and its delivery history; false when it was not the user's. */
export async function deleteWebhook(db: Db, userId: number, id: number): Promise<boolean> {
  const rows = await db
    .delete(outgoingWebhooks)
    .where(and(eq(outgoingWebhooks.userId, userId), eq(outgoingWebhooks.id, id)))
    .returning({ id: outgoingWebhooks.id });
  return rows.length > 0;
}

/** Active again with a clean failure count. */
export async function enableWebhook(
  db: Db,
  userId: number,
  id: number,
): Promise<OutgoingWebhookRow | undefined> {
  const [row] = await db
    .update(outgoingWebhooks)
    .set({
      active: true,
      consecutiveFailures: 0,
      disabledAt: null,
      disabledReason: null,
      updatedAt: new Date(),
    })
    .where(and(eq(outgoingWebhooks.userId, userId), eq(outgoingWebhooks.id, id)))
    .returning();
  return row;
}

/**
 * The user's active targets subscribed to `event` that existed when the notification was written
 * (a target added later does not receive the backlog).
 */
export async function targetsFor(
  db: Db,
  userId: number,
  event: string,
  notifiedAt: Date,
): Promise<OutgoingWebhookRow[]> {
  return db
    .select()
    .from(outgoingWebhooks)
    .where(
      and(
        eq(outgoingWebhooks.userId, userId),
        eq(outgoingWebhooks.active, true),
        // Whole milliseconds: `notifiedAt` was read back into a JS Date, so a target created in the
        // same millisecond as the notification (microseconds later in the column) still counts.
        sql`date_trunc('milliseconds', ${outgoingWebhooks.createdAt}) <= ${notifiedAt}`,
        sql`${outgoingWebhooks.events} @> ${JSON.stringify([event])}::jsonb`,
      ),
    )
    .orderBy(asc(outgoingWebhooks.id));
}

export async function recordTargetSuccess(db: Db, id: number): Promise<void> {
  await db.update(outgoingWebhooks).set({ consecutiveFailures: 0 }).where(eq(outgoingWebhooks.id, id));
}

/** Counts a failed attempt; returns the failures in a row now. */
export async function recordTargetFailure(db: Db, id: number): Promise<number> {
  const [row] = await db
    .update(outgoingWebhooks)
    .set({ consecutiveFailures: sql`${outgoingWebhooks.consecutiveFailures} + 1` })
    .where(eq(outgoingWebhooks.id, id))
    .returning({ failures: outgoingWebhooks.consecutiveFailures });
  return row?.failures ?? 0;
}

/** Disables an active target; undefined when it was already disabled (by another worker). */
export async function disableWebhook(
  db: Db,
  id: number,
  reason: string,
  at: Date,
): Promise<OutgoingWebhookRow | undefined> {
  const [row] = await db
    .update(outgoingWebhooks)
    .set({ active: false, disabledAt: at, disabledReason: reason, updatedAt: at })
    .where(and(eq(outgoingWebhooks.id, id), eq(outgoingWebhooks.active, true)))
    .returning();
  return row;
}

/** Every target's sealed values, for a key change (app/secrets.ts). */
export async function sealedTargets(db: Db) {
  return db
    .select({
      id: outgoingWebhooks.id,
      kind: outgoingWebhooks.kind,
      url: outgoingWebhooks.url,
      urlEncrypted: outgoingWebhooks.urlEncrypted,
      secretEncrypted: outgoingWebhooks.secretEncrypted,
    })
    .from(outgoingWebhooks)
    .orderBy(asc(outgoingWebhooks.id));
}

export async function resealTarget(
  db: Db,
  id: number,
  sealed: { url: string; urlEncrypted: string; secretEncrypted: string },
): Promise<void> {
  await db.update(outgoingWebhooks).set(sealed).where(eq(outgoingWebhooks.id, id));
}
