/**
 * `outgoing_deliveries`: one row per attempt to deliver a notification to a target. An attempt is
 * recorded `sending` before the request goes out and settled after it, so a worker that dies
 * mid-request leaves a visible trace; attempt numbers are unique per (target, notification).
 */
import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "./database.js";
import { outgoingDeliveries } from "./schema.js";

export type OutgoingDeliveryRow = typeof outgoingDeliveries.$inferSelect;

export async function latestAttempt(
  db: Db,
  webhookId: number,
  notificationId: number,
): Promise<OutgoingDeliveryRow | undefined> {
  const [row] = await db
    .select()
    .from(outgoingDeliveries)
    .where(
      and(eq(outgoingDeliveries.webhookId, webhookId), eq(outgoingDeliveries.notificationId, notificationId)),
    )
    .orderBy(desc(outgoingDeliveries.attempt))
    .limit(1);
  return row;
}

/** Records attempt `attempt` as in flight until `inFlightUntil`; undefined when someone else made it. */
export async function startAttempt(
  db: Db,
  attempt: {
    webhookId: number;
    notificationId: number;
    event: string;
    attempt: number;
    at: Date;
    inFlightUntil: Date;
  },
): Promise<OutgoingDeliveryRow | undefined> {
  const [row] = await db
    .insert(outgoingDeliveries)
    .values({
      webhookId: attempt.webhookId,
      notificationId: attempt.notificationId,
      event: attempt.event,
      attempt: attempt.attempt,
      status: "sending",
      attemptedAt: attempt.at,
      nextAttemptAt: attempt.inFlightUntil,
    })
    .onConflictDoNothing()
    .returning();
  return row;
}

export interface AttemptOutcome {
  status: "delivered" | "failed" | "refused";
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
  nextAttemptAt: Date | null;
}

export async function settleAttempt(db: Db, id: number, outcome: AttemptOutcome): Promise<void> {
  await db.update(outgoingDeliveries).set(outcome).where(eq(outgoingDeliveries.id, id));
}

export async function listDeliveries(
  db: Db,
  webhookId: number,
  options: { before: number | undefined; limit: number },
): Promise<OutgoingDeliveryRow[]> {
  return db
    .select()
    .from(outgoingDeliveries)
    .where(
      and(
        eq(outgoingDeliveries.webhookId, webhookId),
        options.before === undefined ? undefined : lt(outgoingDeliveries.id, options.before),
      ),
    )
    .orderBy(desc(outgoingDeliveries.id))
    .limit(options.limit);
}
