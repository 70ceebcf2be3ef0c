/**
 * The receiving end of `POST /webhooks/github` (DESIGN.md, Contract): verify the signature over
 * the raw bytes, check the format, write the delivery to the inbox in one short transaction and
 * answer at once — GitHub gives up after 10 s and never retries on its own. Every rejection is
 * recorded and never applied. Accepted deliveries are applied right after the answer, in this
 * process (a few at a time); the queue is the retry and crash-recovery path.
 */
import { randomUUID } from "node:crypto";
import type { Database } from "../store/database.js";
import { recordReceived, recordRejected, type IncomingDelivery } from "../store/webhook-deliveries.js";
import type { Logger } from "../util/logger.js";
import { signatureMatches } from "../util/signature.js";

export const MAX_BODY_BYTES = 26_214_400; // 25 MiB, GitHub's cap on a delivery

export interface WebhookAnswer {
  status: number;
  body: { status: string; id?: number; error?: { code: string; message: string } };
}

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function incoming(headers: Headers, body: Buffer | null): IncomingDelivery {
  return {
    hookId: header(headers, "x-github-hook-id") ?? "",
    // A delivery without an id still gets a row of its own (it can only be a rejection).
    deliveryId: header(headers, "x-github-delivery") ?? `missing-${randomUUID()}`,
    event: header(headers, "x-github-event") ?? null,
    action: null,
    contentType: header(headers, "content-type") ?? null,
    payload: body,
  };
}

const rejection = (status: number, code: string, message: string): WebhookAnswer => ({
  status,
  body: { status: "rejected", error: { code, message } },
});

export interface ReceiverEnv {
  database: Database;
  log: Logger;
  /** Applies an inbox delivery (jobs/process-delivery.ts, injected so webhooks/ need not import jobs/). */
  apply(deliveryId: number): Promise<unknown>;
}

export class WebhookReceiver {
  private running = 0;
  private readonly waiting: number[] = [];

  constructor(
    private readonly env: ReceiverEnv,
    private readonly secrets: readonly string[],
    /** Deliveries applied at once in this process; the rest wait their turn (in memory, and in the inbox). */
    private readonly concurrency = 4,
  ) {}

  /**
   * `record: false` (a sender over its limit of rejections, api/routes/webhooks.ts): a request that
   * fails the signature check is answered but not written to the inbox.
   */
  async receive(headers: Headers, body: Buffer, options: { record: boolean }): Promise<WebhookAnswer> {
    const db = this.env.database.db;
    const delivery = incoming(headers, body);
    if (header(headers, "x-hub-signature-256") === undefined) return this.rejectUnsigned(headers, options);
    if (!signatureMatches(this.secrets, body, header(headers, "x-hub-signature-256"))) {
      const reason = "X-Hub-Signature-256 does not match";
      // An unsigned body is anybody's: recorded without it, so it cannot fill the database.
      if (options.record) await recordRejected(db, { ...delivery, payload: null }, reason);
      return rejection(401, "invalid_signature", reason);
    }
    const contentType = (delivery.contentType ?? "").split(";")[0]?.trim().toLowerCase();
    if (contentType !== "application/json") {
      const reason = `content type ${delivery.contentType ?? "(none)"}: set the webhook's content type to application/json`;
      await recordRejected(db, delivery, reason);
      return rejection(415, "unsupported_media_type", reason);
    }
    let action: string | null = null;
    try {
      const parsed: unknown = JSON.parse(body.toString("utf8"));
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        throw new Error("not an object");
      const value = (parsed as { action?: unknown }).action;
      action = typeof value === "string" ? value : null;
    } catch (error) {
      const reason = `malformed JSON: ${(error as Error).message}`;
      await recordRejected(db, delivery, reason);
      return rejection(400, "malformed_json", reason);
    }
    if (header(headers, "x-github-delivery") === undefined) {
      await recordRejected(db, delivery, "missing X-GitHub-Delivery");
      return rejection(400, "missing_delivery_id", "missing X-GitHub-Delivery");
    }
    const { id, outcome } = await recordReceived(db, { ...delivery, action });
    if (outcome === "duplicate") return { status: 200, body: { status: "duplicate", id } };
    // `pending` too: the first copy's apply may have passed over the row while this copy's insert
    // held it, and then nothing else would apply it before the recovery sweep. Applying stays once
    // (store/webhook-deliveries.ts, processLocked); test/integration/webhook-duplicate-race.test.ts.
    this.apply(id);
    return { status: 202, body: { status: "received", id } };
  }

  /** Records a request without a signature as rejected; its body need not be read at all. */
  async rejectUnsigned(headers: Headers, options: { record: boolean }): Promise<WebhookAnswer> {
    const reason = "missing X-Hub-Signature-256";
    if (options.record) await recordRejected(this.env.database.db, incoming(headers, null), reason);
    return rejection(401, "invalid_signature", reason);
  }

  /** Records a body over the limit (never read) as rejected. */
  async rejectOversized(headers: Headers, options: { record: boolean }): Promise<WebhookAnswer> {
    const reason = `body over ${MAX_BODY_BYTES} bytes`;
    if (options.record) await recordRejected(this.env.database.db, incoming(headers, null), reason);
    return rejection(413, "payload_too_large", reason);
  }

  private apply(id: number): void {
    this.waiting.push(id);
    this.drain();
  }

  private drain(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift() as number;
      this.running++;
      void this.env
        .apply(id)
        .catch((error: unknown) =>
          this.env.log.warn({ err: error, delivery: id }, "delivery processing crashed"),
        )
        .finally(() => {
          this.running--;
          this.drain();
        });
    }
  }
}
