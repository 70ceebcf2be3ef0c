/**
 * The emulator's webhook: every admin change becomes a delivery, rendered and serialized at the
 * moment of the change, then POSTed in the background (a few in flight) with GitHub's headers and
 * HMAC signatures. Like GitHub it never retries a failed delivery. Chaos (seeded, so a seed
 * replays the same fates): drops, duplicates (same delivery id), reordering within a window,
 * delays, wrong signatures and truncated bodies. A bad-signed or malformed delivery is lost for
 * the receiver (it must reject it) although the change happened.
 */
import { createHmac } from "node:crypto";
import * as http from "node:http";
import * as https from "node:https";
import type { ChangeRecord } from "./change-record.js";
import type { ResolvedWebhook } from "./options.js";
import type { World } from "./world-types.js";
import { buildWebhook } from "./webhook-payloads.js";
import { renderContext } from "./render-context.js";
import { rngFor } from "./prng.js";
import type { Rng } from "./prng.js";

export type DeliveryKind = "normal" | "duplicate" | "bad_signature" | "malformed" | "dropped";

/** One entry of `webhookLog()`: a request made (or a delivery dropped). */
export interface WebhookDelivery {
  /** X-GitHub-Delivery (a duplicate repeats its original's). */
  delivery_id: string;
  event: string;
  action: string | null;
  kind: DeliveryKind;
  /** HTTP status of the answer; null when dropped or when the request failed without one. */
  status: number | null;
  /** Network error or timeout, if any. */
  error: string | null;
  /** Order of the change (1, 2, …): compare with the order of arrival. */
  seq: number;
  repository: string;
  /** Emulator time of the change. */
  at: string;
}

export interface WebhookStats {
  /** Requests waiting to be sent or in flight. */
  queued: number;
  /** Requests answered or failed (duplicates included). */
  sent: number;
  /** Answered 2xx. */
  delivered: number;
  /** Network error, timeout or 5xx (not retried). */
  failed: number;
  dropped: number;
  /** Extra requests sent as duplicates. */
  duplicated: number;
  bad_signature: number;
  malformed: number;
  by_status: Record<string, number>;
}

export function emptyWebhookStats(): WebhookStats {
  return {
    queued: 0,
    sent: 0,
    delivered: 0,
    failed: 0,
    dropped: 0,
    duplicated: 0,
    bad_signature: 0,
    malformed: 0,
    by_status: {},
  };
}

/** A partial reorder window is sent this long after its first delivery entered it. */
const WINDOW_WAIT_MS = 100;
/** webhookLog() keeps the most recent entries. */
const LOG_LIMIT = 10_000;
const HOOK_ID = "1";

interface Outgoing {
  entry: Omit<WebhookDelivery, "status" | "error">;
  headers: Record<string, string>;
  body: Buffer;
  finished: Promise<void>;
  finish: () => void;
}

export class WebhookSender {
  /** The emulator's base URL (set once it listens); payload URLs point at it. */
  base = "";
  private seq = 0;
  private readonly chaos: Rng;
  private readonly ids: Rng;
  private readonly order: Rng;
  private window: Outgoing[] = [];
  private windowTimer: NodeJS.Timeout | undefined;
  private readonly queue: Outgoing[] = [];
  private inFlight = 0;
  private readonly pending = new Set<Outgoing>();
  private readonly requests = new Set<http.ClientRequest>();
  private readonly counters: WebhookStats = emptyWebhookStats();
  private readonly entries: WebhookDelivery[] = [];
  private readonly agent: http.Agent;
  private closed = false;

  constructor(
    private readonly world: World,
    private readonly options: ResolvedWebhook,
  ) {
    this.chaos = rngFor(world.seed, "webhooks", "chaos");
    this.ids = rngFor(world.seed, "webhooks", "delivery-ids");
    this.order = rngFor(world.seed, "webhooks", "reorder");
    const Agent = options.url.protocol === "https:" ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  }

  /** Renders and queues the delivery of one change (synchronously: the payload is fixed now). */
  enqueue(record: ChangeRecord): void {
    if (this.closed) return;
    const built = buildWebhook(renderContext(this.base, this.world, null), record);
    const json = Buffer.from(JSON.stringify(built.payload), "utf8");
    // Every delivery draws the same four values, so one rate does not shift the other fates.
    const drop = this.chaos.float();
    const bad = this.chaos.float();
    const malformed = this.chaos.float();
    const duplicate = this.chaos.float();
    const options = this.options;
    const entry = {
      delivery_id: uuid(this.ids),
      event: built.event,
      action: built.action,
      kind: "normal" as DeliveryKind,
      seq: ++this.seq,
      repository: record.change.repository.full_name,
      at: record.change.at,
    };
    if (drop < options.dropRate) {
      this.counters.dropped++;
      this.record({ ...entry, kind: "dropped", status: null, error: null });
      return;
    }
    let body = json;
    let secret = options.secret;
    if (bad < options.badSignatureRate) {
      entry.kind = "bad_signature";
      secret = `${options.secret ?? ""}\u0000not-the-secret`;
      this.counters.bad_signature++;
    } else if (malformed < options.malformedRate) {
      entry.kind = "malformed";
      // Cut inside the object: never valid JSON, and signed as sent.
      body = json.subarray(0, Math.max(1, Math.floor(json.length / 2)));
      this.counters.malformed++;
    }
    const headers = this.headers(built.event, entry.delivery_id, body, secret);
    const items = [this.outgoing(entry, headers, body)];
    if (entry.kind === "normal" && duplicate < options.duplicateRate) {
      this.counters.duplicated++;
      items.push(this.outgoing({ ...entry, kind: "duplicate" }, headers, body));
    }
    if (options.reorder > 1) this.addToWindow(items);
    else this.release(items);
  }

  stats(): WebhookStats {
    return { ...this.counters, queued: this.pending.size, by_status: { ...this.counters.by_status } };
  }

  /** Requests made and deliveries dropped, in the order their outcome was known. */
  log(): WebhookDelivery[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  /** Resolves once every delivery queued so far has been sent (answered or failed). */
  async flush(): Promise<void> {
    this.releaseWindow();
    await Promise.all([...this.pending].map((item) => item.finished));
  }

  /** Stops sending: queued deliveries are discarded, requests in flight aborted. */
  close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.windowTimer);
    this.window = [];
    this.queue.length = 0;
    for (const request of this.requests) request.destroy(new Error("emulator closed"));
    for (const item of this.pending) item.finish();
    this.pending.clear();
    this.agent.destroy();
    return Promise.resolve();
  }

  // ── internals ──────────────────────────────────────────────────────────────

  private headers(event: string, id: string, body: Buffer, secret: string | null): Record<string, string> {
    const headers: Record<string, string> = {
      accept: "*/*",
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/emulator",
      "x-github-delivery": id,
      "x-github-event": event,
      "x-github-hook-id": HOOK_ID,
      "x-github-hook-installation-target-id": String(this.world.org.id),
      "x-github-hook-installation-target-type": "organization",
    };
    if (secret !== null) {
      headers["x-hub-signature"] = `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`;
      headers["x-hub-signature-256"] = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    }
    return headers;
  }

  private record(entry: WebhookDelivery): void {
    const { delivery_id, event, action, kind, status, error, seq, repository, at } = entry;
    this.entries.push({ delivery_id, event, action, kind, status, error, seq, repository, at });
    if (this.entries.length > LOG_LIMIT) this.entries.splice(0, this.entries.length - LOG_LIMIT);
  }

  private outgoing(entry: Outgoing["entry"], headers: Record<string, string>, body: Buffer): Outgoing {
    let finish = () => undefined as void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const item: Outgoing = { entry, headers, body, finished, finish };
    this.pending.add(item);
    return item;
  }

  private addToWindow(items: Outgoing[]): void {
    this.window.push(...items);
    if (this.window.length >= this.options.reorder) this.releaseWindow();
    else if (!this.windowTimer) {
      this.windowTimer = setTimeout(() => this.releaseWindow(), WINDOW_WAIT_MS);
      this.windowTimer.unref();
    }
  }

  private releaseWindow(): void {
    clearTimeout(this.windowTimer);
    this.windowTimer = undefined;
    const items = this.window;
    this.window = [];
    if (items.length > 0) this.release(this.order.shuffle(items));
  }

  private release(items: Outgoing[]): void {
    this.queue.push(...items);
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.inFlight < this.options.concurrency) {
      const item = this.queue.shift();
      if (!item) return;
      this.inFlight++;
      void this.deliver(item).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async deliver(item: Outgoing): Promise<void> {
    try {
      if (this.options.delayMs > 0) await sleep(this.options.delayMs);
      if (this.closed) return;
      const result = await this.post(item);
      if (this.closed) return;
      const counters = this.counters;
      counters.sent++;
      if (result.status !== null) {
        const key = String(result.status);
        counters.by_status[key] = (counters.by_status[key] ?? 0) + 1;
        if (result.status >= 200 && result.status < 300) counters.delivered++;
      }
      if (result.status === null || result.status >= 500) counters.failed++;
      this.record({ ...item.entry, status: result.status, error: result.error });
    } finally {
      this.pending.delete(item);
      item.finish();
    }
  }

  /** One POST: the status of the answer, or the error (network, timeout). */
  private post(item: Outgoing): Promise<{ status: number | null; error: string | null }> {
    const url = this.options.url;
    const transport = url.protocol === "https:" ? https : http;
    return new Promise((resolve) => {
      const request = transport.request(url, {
        method: "POST",
        agent: this.agent,
        headers: { ...item.headers, "content-length": String(item.body.length) },
      });
      this.requests.add(request);
      const timer = setTimeout(
        () => request.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
      const done = (status: number | null, error: string | null) => {
        clearTimeout(timer);
        this.requests.delete(request);
        resolve({ status, error });
      };
      request.on("response", (response) => {
        response.on("error", () => undefined); // the status is what counts; never crash on a cut body
        response.resume();
        done(response.statusCode ?? null, null);
      });
      request.on("error", (error) => done(null, error.message));
      request.end(item.body);
    });
  }
}

/** A version-4-shaped UUID from the seeded stream (GitHub's delivery ids are UUIDs). */
function uuid(rng: Rng): string {
  const hex = rng.hex(32).split("");
  hex[12] = "4";
  hex[16] = "89ab"[parseInt(hex[16] ?? "0", 16) % 4] ?? "8";
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
