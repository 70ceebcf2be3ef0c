/** What became of the deliveries the emulator sent: the ones ghsync acknowledged but never applied. */
import { sql } from "drizzle-orm";
import type { WebhookDelivery } from "../../src/emulator/index.js";
import type { Db } from "../../src/store/database.js";
import { queryRows } from "../../src/store/raw-query.js";

export function acknowledged(log: readonly WebhookDelivery[]): WebhookDelivery[] {
  return log.filter(
    (delivery) => delivery.status !== null && delivery.status >= 200 && delivery.status < 300,
  );
}

/** Delivery ids answered 2xx whose inbox row is not processed or ignored (lost, or still pending). */
export async function acknowledgedNotApplied(db: Db, log: readonly WebhookDelivery[]): Promise<string[]> {
  const rows = await queryRows<{ delivery_id: string; status: string }>(
    db,
    sql`select delivery_id, status from webhook_deliveries`,
  );
  const statusOf = new Map(rows.map((row) => [row.delivery_id, row.status]));
  return acknowledged(log)
    .map((delivery) => delivery.delivery_id)
    .filter((id) => !["processed", "ignored"].includes(statusOf.get(id) ?? "missing"));
}
