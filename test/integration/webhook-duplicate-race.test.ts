/**
 * A delivery is applied at once even when a duplicate of it (GitHub sends some twice) arrives just
 * as it is to be applied. The duplicate's insert holds the row for an instant (an upsert locks the
 * row it conflicts with); the first copy's apply, which passes over a row it cannot lock (another
 * process applying it), found nothing to do; the duplicate, seeing the row still `received`, took
 * its processing to be under way and left it — the delivery waited for the recovery sweep (30 s;
 * heal-webhooks.test.ts met it in most runs). Here the row is held the same way at the same point.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { processDelivery } from "../../src/jobs/process-delivery.js";
import { JobQueue } from "../../src/jobs/queue.js";
import type { Database } from "../../src/store/database.js";
import { webhookDeliveries } from "../../src/store/schema.js";
import { sign } from "../../src/util/signature.js";
import { WebhookReceiver } from "../../src/webhooks/receiver.js";
import { freshDatabase } from "../helpers/databases.js";
import { eventually } from "../helpers/settled.js";
import { silentLog } from "../helpers/sync-harness.js";

const SECRET = "duplicate-race-secret";
let database: Database | undefined;
let queue: JobQueue | undefined;
afterAll(async () => {
  await queue?.stop(1_000);
  await database?.close();
});

describe("a duplicate delivery arriving as the first copy is applied", () => {
  it("leaves no delivery waiting for the recovery sweep", async () => {
    database = await freshDatabase();
    queue = await JobQueue.open(database, silentLog, { schedule: false });
    const env = { database, queue, log: silentLog, appConfigured: false };
    // The first copy's apply waits at the gate; later ones go straight through.
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const outcomes: Promise<unknown>[] = [];
    const receiver = new WebhookReceiver(
      {
        database,
        log: silentLog,
        apply: (id) => {
          const outcome = (outcomes.length === 0 ? gate : Promise.resolve()).then(() =>
            processDelivery(env, id),
          );
          outcomes.push(outcome);
          return outcome;
        },
      },
      [SECRET],
    );
    const body = Buffer.from(JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 }));
    const headers = {
      "content-type": "application/json",
      "x-github-event": "ping",
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": sign(SECRET, body),
    };
    const first = await receiver.receive(headers, body, { record: true });
    expect(first).toMatchObject({ status: 202, body: { status: "received" } });
    const id = first.body.id as number;

    // The row held (as the duplicate's insert holds it) while the first copy's apply runs.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select id from webhook_deliveries where id = ${id} for update`);
      open();
      expect(await outcomes[0]).toBe("skipped");
    });
    const duplicate = await receiver.receive(headers, body, { record: true });
    expect(duplicate.status).toBe(202);

    const status = async () =>
      (await database?.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))?.[0]?.status;
    // No sweep runs here: within seconds, or never.
    expect(await eventually(async () => ((await status()) === "processed" ? true : undefined), 5_000)).toBe(
      true,
    );
  });
});
