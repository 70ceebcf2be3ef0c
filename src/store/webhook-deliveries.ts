/**
 * The webhook inbox. A delivery is written in one short transaction before it is acknowledged;
 * processing takes the row with FOR UPDATE SKIP LOCKED and writes its outcome in the same
 * transaction as the rows it applies, so a delivery is applied once, whoever processes it.
 */
import type { WebhookBacklog } from "../contract/operations.js";
import { and, desc, eq, getTableColumns, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { DeliveryStatus } from "../contract/enums.js";
import type { Db } from "./database.js";
import { notHidden } from "./hidden-repositories.js";
import { queryRows } from "./raw-query.js";
import { webhookDeliveries } from "./schema.js";

export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export interface IncomingDelivery {
  hookId: string;
  deliveryId: string;
  event: string | null;
  action: string | null;
  contentType: string | null;
  payload: Buffer | null;
  installationId?: number | null;
}

/** Records a delivery that failed verification; never replaces a valid delivery with the same key. */
export async function recordRejected(db: Db, delivery: IncomingDelivery, reason: string): Promise<void> {
  await db
    .insert(webhookDeliveries)
    .values({ ...delivery, status: "rejected", signatureOk: false, reason })
    .onConflictDoUpdate({
      target: [webhookDeliveries.hookId, webhookDeliveries.deliveryId],
      set: { reason, receivedAt: new Date() },
      setWhere: eq(webhookDeliveries.status, "rejected"),
    });
}

export type ReceiveOutcome =
  /** First time (or replacing a rejected copy): to be processed. */
  | "new"
  /** A redelivery of one whose processing failed: processed again on the same row. */
  | "retry"
  /** Already processed or ignored: nothing to do. */
  | "duplicate"
  /** Received before and not processed yet: applied again (at most once in all: processLocked). */
  | "pending";

export async function recordReceived(
  db: Db,
  delivery: IncomingDelivery,
): Promise<{ id: number; outcome: ReceiveOutcome }> {
  const [inserted] = await db
    .insert(webhookDeliveries)
    .values({ ...delivery, status: "received", signatureOk: true, reason: null })
    .onConflictDoUpdate({
      target: [webhookDeliveries.hookId, webhookDeliveries.deliveryId],
      set: {
        status: "received",
        signatureOk: true,
        reason: null,
        event: delivery.event,
        action: delivery.action,
        contentType: delivery.contentType,
        payload: delivery.payload,
        receivedAt: new Date(),
      },
      setWhere: eq(webhookDeliveries.status, "rejected"),
    })
    .returning({ id: webhookDeliveries.id });
  if (inserted) return { id: inserted.id, outcome: "new" };
  // A redelivery carries the same (signed) body; keep the copy just verified.
  const [retried] = await db
    .update(webhookDeliveries)
    .set({
      status: "received",
      nextAttemptAt: null,
      event: delivery.event,
      action: delivery.action,
      contentType: delivery.contentType,
      payload: delivery.payload,
    })
    .where(
      and(
        eq(webhookDeliveries.hookId, delivery.hookId),
        eq(webhookDeliveries.deliveryId, delivery.deliveryId),
        eq(webhookDeliveries.status, "failed"),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  if (retried) return { id: retried.id, outcome: "retry" };
  const [existing] = await db
    .select({ id: webhookDeliveries.id, status: webhookDeliveries.status })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.hookId, delivery.hookId),
        eq(webhookDeliveries.deliveryId, delivery.deliveryId),
      ),
    );
  if (!existing) throw new Error(`delivery ${delivery.deliveryId} vanished while being recorded`);
  return { id: existing.id, outcome: existing.status === "received" ? "pending" : "duplicate" };
}

/** The raw body as bytes (empty for a rejected delivery, stored without its body). */
export function payloadOf(row: Pick<DeliveryRow, "payload">): Buffer {
  return row.payload ?? Buffer.alloc(0);
}

/**
 * Runs `apply` inside a transaction holding the delivery's row (if it is still to process and no
 * one else holds it), and stores the outcome with the rows it applied.
 */
export async function processLocked<
  T extends { status: "processed" | "ignored"; reason?: string | null; repositoryId?: number | null },
>(db: Db, id: number, apply: (tx: Db, row: DeliveryRow) => Promise<T>): Promise<T | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, id), inArray(webhookDeliveries.status, ["received", "failed"])))
      .for("update", { skipLocked: true });
    if (!row) return undefined;
    const outcome = await apply(tx, row);
    await tx
      .update(webhookDeliveries)
      .set({
        status: outcome.status,
        reason: outcome.reason ?? null,
        error: null,
        repositoryId: outcome.repositoryId ?? row.repositoryId,
        attempts: row.attempts + 1,
        processedAt: new Date(),
        nextAttemptAt: null,
      })
      .where(eq(webhookDeliveries.id, id));
    return outcome;
  });
}

/**
 * Processing threw: the row is `failed` with the error; while attempts remain, the next one is due
 * after an exponential back-off (`baseDelayS` × 2^(attempts − 1)), else never (a user may redeliver).
 */
export async function markFailed(
  db: Db,
  id: number,
  error: string,
  retry: { maxAttempts: number; baseDelayS: number },
): Promise<{ attempts: number; nextAttemptAt: Date | null } | undefined> {
  const attempts = sql`${webhookDeliveries.attempts} + 1`;
  const [row] = await db
    .update(webhookDeliveries)
    .set({
      status: "failed",
      error,
      attempts,
      nextAttemptAt: sql`case when ${attempts} < ${retry.maxAttempts}
        then now() + make_interval(secs => ${retry.baseDelayS} * power(2, ${webhookDeliveries.attempts}))
        else null end`,
    })
    .where(and(eq(webhookDeliveries.id, id), inArray(webhookDeliveries.status, ["received", "failed"])))
    .returning({ attempts: webhookDeliveries.attempts, nextAttemptAt: webhookDeliveries.nextAttemptAt });
  return row;
}

/**
 * Deliveries the recovery sweep must send to the queue: received long ago and not applied (the
 * receiving process died), or failed with their retry long overdue (its queue job was lost). Each
 * one returned is marked as sent until `resendAfter`, so a backlog is queued once, not at every sweep.
 */
export async function claimDeliveriesDue(db: Db, receivedBefore: Date, resendAfter: Date): Promise<number[]> {
  const overdue = new Date(Date.now() - 60_000);
  const due = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      or(
        and(
          eq(webhookDeliveries.status, "received"),
          lt(webhookDeliveries.receivedAt, receivedBefore),
          or(isNull(webhookDeliveries.nextAttemptAt), lte(webhookDeliveries.nextAttemptAt, new Date())),
        ),
        and(eq(webhookDeliveries.status, "failed"), lte(webhookDeliveries.nextAttemptAt, overdue)),
      ),
    )
    .orderBy(webhookDeliveries.id)
    .limit(500);
  const ids = due.map((row) => row.id);
  if (ids.length > 0) {
    await db
      .update(webhookDeliveries)
      .set({ nextAttemptAt: resendAfter })
      .where(inArray(webhookDeliveries.id, ids));
  }
  return ids;
}

/** Makes a delivery processable again (the redeliver action). */
export async function resetDelivery(db: Db, id: number): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: "received", error: null, nextAttemptAt: null })
    .where(
      and(
        eq(webhookDeliveries.id, id),
        inArray(webhookDeliveries.status, ["failed", "ignored", "processed"]),
      ),
    )
    .returning();
  return row;
}

export interface DeliveryFilter {
  status?: DeliveryStatus | undefined;
  event?: string | undefined;
  before?: number | undefined;
  /** Leaves out the deliveries of these repositories (a member's hidden private ones). */
  hidden?: readonly number[] | undefined;
  limit: number;
}

export async function listDeliveries(
  db: Db,
  filter: DeliveryFilter,
): Promise<Omit<DeliveryRow, "payload">[]> {
  const where: (SQL | undefined)[] = [
    filter.status ? eq(webhookDeliveries.status, filter.status) : undefined,
    filter.event ? eq(webhookDeliveries.event, filter.event) : undefined,
    filter.before !== undefined ? lt(webhookDeliveries.id, filter.before) : undefined,
    filter.hidden?.length
      ? sql`(${webhookDeliveries.repositoryId} is null or ${notHidden(sql`${webhookDeliveries.repositoryId}`, filter.hidden)})`
      : undefined,
  ];
  const { payload: _payload, ...columns } = getTableColumns(webhookDeliveries);
  return db
    .select(columns)
    .from(webhookDeliveries)
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.id))
    .limit(filter.limit);
}

export function deliveryView(row: Omit<DeliveryRow, "payload">) {
  return {
    id: row.id,
    delivery_id: row.deliveryId,
    hook_id: row.hookId || null,
    event: row.event,
    action: row.action,
    status: row.status,
    signature_ok: row.signatureOk,
    reason: row.reason,
    error: row.error,
    attempts: row.attempts,
    repository_id: row.repositoryId,
    received_at: row.receivedAt.toISOString(),
    processed_at: row.processedAt?.toISOString() ?? null,
    next_attempt_at: row.nextAttemptAt?.toISOString() ?? null,
  };
}

export async function webhookBacklog(db: Db): Promise<WebhookBacklog> {
  const rows = await queryRows<{ status: string; n: string; oldest: string | null }>(
    db,
    sql`select status, count(*) as n, extract(epoch from now() - min(received_at)) as oldest
          from webhook_deliveries group by status`,
  );
  const byStatus = Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
  const pendingRows = rows.filter((row) => row.status === "received" || row.status === "failed");
  const oldest = pendingRows.map((row) => Number(row.oldest)).filter((n) => Number.isFinite(n));
  return {
    pending: pendingRows.reduce((sum, row) => sum + Number(row.n), 0),
    oldest_age_s: oldest.length ? Math.round(Math.max(...oldest)) : null,
    by_status: byStatus,
  };
}
