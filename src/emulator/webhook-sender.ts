/**
 * The emulator's webhook: every admin change becomes a delivery, rendered and serialized at the
 * moment of the change, then POSTed in the background (a few in flight) with GitHub's headers and
 * HMAC signatures. Like GitHub it never retries a failed delivery. Chaos (seeded, so a seed
 * replays the same fates): drops, duplicates (same delivery id), reordering within a window,
 * delays, wrong signatures and truncated bodies. A bad-signed or malformed delivery is lost for
 * the receiver (it must reject it) although the change happened.
 *
 * The one hook acts as the GitHub App's hook for repositories in an active installation (their
 * payloads carry `installation`, the headers name the App as target) and for installation events,
 * and as the organization's hook otherwise. Every attempt (and every drop) is kept in a delivery
 * log that GET /app/hook/deliveries serves, with the original body, so a delivery can be
 * redelivered without chaos (same X-GitHub-Delivery, `redelivery: true`).
 */
import { createHmac } from "node:crypto";
import { deflateRaw, inflateRawSync } from "node:zlib";
import * as http from "node:http";
import * as https from "node:https";
import type { ChangeRecord } from "./change-record.js";
import type { GitHubApp } from "./github-app.js";
import type { ResolvedWebhook } from "./options.js";
import type { RenderContext } from "./render-context.js";
import type { World } from "./world-types.js";
import { buildWebhook } from "./webhook-payloads.js";
import { renderContext } from "./render-context.js";
import { nodeId } from "./ids.js";
import { DAY } from "./time.js";
import { rngFor } from "./prng.js";
import type { Rng } from "./prng.js";

export type DeliveryKind = "normal" | "duplicate" | "bad_signature" | "malformed" | "dropped" | "redelivery";

/** One entry of `webhookLog()`: a request made (or a delivery dropped). */
export interface WebhookDelivery {
  /** X-GitHub-Delivery (a duplicate or a redelivery repeats its original's). */
  delivery_id: string;
  /** The attempt's id in GET /app/hook/deliveries (one per request, and per drop). */
  hook_delivery_id: number;
  event: string;
  action: string | null;
  kind: DeliveryKind;
  /** HTTP status of the answer; null when dropped or when the request failed without one. */
  status: number | null;
  /** Network error or timeout, if any. */
  error: string | null;
  /** Order of the change (1, 2, …): compare with the order of arrival. */
  seq: number;
  /** "owner/name"; null for installation events. */
  repository: string | null;
  /** The App installation the delivery was for (its payload's `installation.id`), if any. */
  installation_id: number | null;
  /** Emulator time of the change. */
  at: string;
  /** Wall time from sending to the answer (or the failure), in ms. */
  duration_ms: number;
}

/** An attempt as the App's delivery log knows it (rendered by routes-app.ts). */
export interface HookAttempt {
  id: number;
  guid: string;
  /** Emulator time (epoch seconds) the outcome was known; for a drop, of the change. */
  deliveredAt: number;
  redelivery: boolean;
  /** Seconds. */
  duration: number;
  /** "OK", "Invalid HTTP Response: 401", "timed out" or "Failed to connect to host". */
  status: string;
  /** 0 without an HTTP answer (a drop counts as a timeout). */
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
  url: string;
  requestHeaders: Record<string, string>;
  /** The original payload (what GitHub shows; a malformed delivery's body was cut). */
  payload(): Record<string, unknown> | null;
  responseHeaders: Record<string, string> | null;
  /** The first 4 KB of the answer's body (read after the attempt was recorded). */
  responseBody(): string | null;
}

export type RedeliverOutcome = "accepted" | "not_found" | "too_old";

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
  /** Requests made by POST /app/hook/deliveries/{id}/attempts. */
  redelivered: number;
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
    redelivered: 0,
    by_status: {},
  };
}

/** A partial reorder window is sent this long after its first delivery entered it. */
const WINDOW_WAIT_MS = 100;
/** webhookLog() keeps the most recent entries (with the original bodies, for redelivery). */
const LOG_LIMIT = 10_000;
const HOOK_ID = "1";
/** GitHub redelivers deliveries of the past 3 days only. */
export const REDELIVERY_WINDOW_S = 3 * DAY;
/** Kept of a receiver's answer body, for GET /app/hook/deliveries/{id}. */
const RESPONSE_BODY_LIMIT = 4096;

/** What a delivery was, kept to redeliver it. */
interface Original {
  guid: string;
  event: string;
  action: string | null;
  seq: number;
  repository: string | null;
  repositoryId: number | null;
  installationId: number | null;
  at: string;
  /**
   * The payload as serialized at the change; compressed (off the event loop) once that is done, as
   * the log keeps 10,000 of them and a push can weigh megabytes.
   */
  body: Buffer;
  compressed: boolean;
}

/** The bytes of the original payload. */
function originalBytes(original: Original): Buffer {
  return original.compressed ? inflateRawSync(original.body) : original.body;
}

type Entry = Omit<WebhookDelivery, "hook_delivery_id" | "status" | "error" | "duration_ms">;

interface Outgoing {
  entry: Entry;
  original: Original;
  headers: Record<string, string>;
  body: Buffer;
  finished: Promise<void>;
  finish: () => void;
}

interface Outcome {
  status: number | null;
  error: string | null;
  timedOut: boolean;
  durationMs: number;
  responseHeaders: Record<string, string> | null;
  /** Filled when the answer's body has been read (the outcome is known at its headers). */
  responseBody: { text: string | null };
}

/** One log entry: the admin view and the App's view of one attempt, and what was delivered. */
interface Attempt {
  admin: WebhookDelivery;
  hook: HookAttempt;
  original: Original;
}

/** How an event is addressed: to the App's hook (with its installation) or the organization's. */
interface Meta {
  seq: number;
  repository: string | null;
  repositoryId: number | null;
  installationId: number | null;
  at: string;
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
  private readonly entries: Attempt[] = [];
  private readonly hookIds: Rng;
  private lastHookId: number;
  private readonly agent: http.Agent;
  private closed = false;

  constructor(
    private readonly world: World,
    private readonly options: ResolvedWebhook,
    private readonly app: GitHubApp | null = null,
  ) {
    this.chaos = rngFor(world.seed, "webhooks", "chaos");
    this.ids = rngFor(world.seed, "webhooks", "delivery-ids");
    this.order = rngFor(world.seed, "webhooks", "reorder");
    this.hookIds = rngFor(world.seed, "webhooks", "hook-delivery-ids");
    this.lastHookId = 20_000_000_000 + this.hookIds.int(0, 1_000_000_000);
    const Agent = options.url.protocol === "https:" ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  }

  /** Renders and queues the delivery of one change (synchronously: the payload is fixed now). */
  enqueue(record: ChangeRecord): void {
    if (this.closed) return;
    const built = buildWebhook(renderContext(this.base, this.world, null), record);
    const installation = this.app?.activeInstallationFor(record.repo);
    const payload = installation
      ? {
          ...built.payload,
          installation: { id: installation.id, node_id: installationNodeId(installation.id) },
        }
      : built.payload;
    this.send(built.event, built.action, payload, {
      seq: ++this.seq,
      repository: record.change.repository.full_name,
      repositoryId: record.change.repository.id,
      installationId: installation?.id ?? null,
      at: record.change.at,
    });
  }

  /** Queues an App event (installation, installation_repositories), rendered now. */
  enqueueAppEvent(
    event: string,
    installationId: number,
    at: string,
    render: (ctx: RenderContext) => Record<string, unknown>,
  ): void {
    if (this.closed) return;
    const payload = render(renderContext(this.base, this.world, null));
    const action = typeof payload.action === "string" ? payload.action : null;
    this.send(event, action, payload, {
      seq: ++this.seq,
      repository: null,
      repositoryId: null,
      installationId,
      at,
    });
  }

  /** Queues an organization event (membership, team): no repository, rendered now. */
  enqueueOrgEvent(event: string, at: string, render: (ctx: RenderContext) => Record<string, unknown>): void {
    if (this.closed) return;
    const payload = render(renderContext(this.base, this.world, null));
    const action = typeof payload.action === "string" ? payload.action : null;
    this.send(event, action, payload, {
      seq: ++this.seq,
      repository: null,
      repositoryId: null,
      installationId: null,
      at,
    });
  }

  /**
   * Sends a logged delivery again: the original payload, the same X-GitHub-Delivery, a valid
   * signature, no chaos. GitHub refuses deliveries older than 3 days (422).
   */
  redeliver(hookDeliveryId: number, nowS: number): RedeliverOutcome {
    const attempt = this.entries.find((candidate) => candidate.hook.id === hookDeliveryId);
    if (!attempt || this.closed) return "not_found";
    const original = attempt.original;
    if (nowS - attempt.hook.deliveredAt > REDELIVERY_WINDOW_S) return "too_old";
    const body = originalBytes(original);
    const headers = this.headers(original.event, original.guid, body, this.options.secret, original);
    const entry: Entry = {
      delivery_id: original.guid,
      event: original.event,
      action: original.action,
      kind: "redelivery",
      seq: original.seq,
      repository: original.repository,
      installation_id: original.installationId,
      at: original.at,
    };
    this.counters.redelivered++;
    this.release([this.outgoing(entry, original, headers, body)]);
    return "accepted";
  }

  /** The App's delivery log, newest first. */
  hookDeliveries(): HookAttempt[] {
    return this.entries.map((entry) => entry.hook).reverse();
  }

  hookDelivery(id: number): HookAttempt | undefined {
    return this.entries.find((entry) => entry.hook.id === id)?.hook;
  }

  private send(event: string, action: string | null, payload: Record<string, unknown>, meta: Meta): void {
    const json = Buffer.from(JSON.stringify(payload), "utf8");
    // Every delivery draws the same four values, so one rate does not shift the other fates.
    const drop = this.chaos.float();
    const bad = this.chaos.float();
    const malformed = this.chaos.float();
    const duplicate = this.chaos.float();
    const options = this.options;
    const original: Original = {
      guid: uuid(this.ids),
      event,
      action,
      ...meta,
      body: json,
      compressed: false,
    };
    deflateRaw(json, (error, deflated) => {
      if (error) return;
      original.body = deflated;
      original.compressed = true;
    });
    const entry: Entry = {
      delivery_id: original.guid,
      event,
      action,
      kind: "normal",
      seq: meta.seq,
      repository: meta.repository,
      installation_id: meta.installationId,
      at: meta.at,
    };
    if (drop < options.dropRate) {
      this.counters.dropped++;
      const headers = this.headers(event, original.guid, json, options.secret, original);
      this.record({ ...entry, kind: "dropped" }, original, headers, {
        status: null,
        error: null,
        timedOut: true,
        durationMs: options.timeoutMs,
        responseHeaders: null,
        responseBody: { text: null },
      });
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
    const headers = this.headers(event, original.guid, body, secret, original);
    const items = [this.outgoing(entry, original, headers, body)];
    if (entry.kind === "normal" && duplicate < options.duplicateRate) {
      this.counters.duplicated++;
      items.push(this.outgoing({ ...entry, kind: "duplicate" }, original, headers, body));
    }
    if (options.reorder > 1) this.addToWindow(items);
    else this.release(items);
  }

  stats(): WebhookStats {
    return { ...this.counters, queued: this.pending.size, by_status: { ...this.counters.by_status } };
  }

  /** Requests made and deliveries dropped, in the order their outcome was known. */
  log(): WebhookDelivery[] {
    return this.entries.map((entry) => ({ ...entry.admin }));
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

  private headers(
    event: string,
    id: string,
    body: Buffer,
    secret: string | null,
    original: Original,
  ): Record<string, string> {
    // Deliveries for an installation come from the App's hook, the others from the organization's.
    const app = original.installationId !== null ? this.app : null;
    const headers: Record<string, string> = {
      accept: "*/*",
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/emulator",
      "x-github-delivery": id,
      "x-github-event": event,
      "x-github-hook-id": HOOK_ID,
      "x-github-hook-installation-target-id": String(app ? app.id : this.world.org.id),
      "x-github-hook-installation-target-type": app ? "integration" : "organization",
    };
    if (secret !== null) {
      headers["x-hub-signature"] = `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`;
      headers["x-hub-signature-256"] = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    }
    return headers;
  }

  private record(entry: Entry, original: Original, headers: Record<string, string>, outcome: Outcome): void {
    this.lastHookId += this.hookIds.int(1, 20);
    const id = this.lastHookId;
    const { delivery_id, event, action, kind, seq, repository, installation_id, at } = entry;
    const { status, error } = outcome;
    const admin: WebhookDelivery = {
      delivery_id,
      hook_delivery_id: id,
      event,
      action,
      kind,
      status,
      error,
      seq,
      repository,
      installation_id,
      at,
      duration_ms: Math.round(outcome.durationMs),
    };
    const hook: HookAttempt = {
      id,
      guid: delivery_id,
      deliveredAt: this.world.now(),
      redelivery: kind === "redelivery",
      duration: Math.round(outcome.durationMs) / 1000,
      status: statusText(outcome),
      statusCode: status ?? 0,
      event,
      action,
      installationId: installation_id,
      repositoryId: original.repositoryId,
      url: this.options.url.toString(),
      requestHeaders: headers,
      payload: () => {
        try {
          return JSON.parse(originalBytes(original).toString("utf8")) as Record<string, unknown>;
        } catch {
          return null;
        }
      },
      responseHeaders: outcome.responseHeaders,
      responseBody: () => outcome.responseBody.text,
    };
    this.entries.push({ admin, hook, original });
    if (this.entries.length > LOG_LIMIT) this.entries.splice(0, this.entries.length - LOG_LIMIT);
  }

  private outgoing(
    entry: Entry,
    original: Original,
    headers: Record<string, string>,
    body: Buffer,
  ): Outgoing {
    let finish = () => undefined as void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const item: Outgoing = { entry, original, headers, body, finished, finish };
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
      if (this.options.delayMs > 0 && item.entry.kind !== "redelivery") await sleep(this.options.delayMs);
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
      this.record(item.entry, item.original, item.headers, result);
    } finally {
      this.pending.delete(item);
      item.finish();
    }
  }

  /** One POST: the status of the answer, or the error (network, timeout). */
  private post(item: Outgoing): Promise<Outcome> {
    const url = this.options.url;
    const transport = url.protocol === "https:" ? https : http;
    const started = performance.now();
    return new Promise((resolve) => {
      const request = transport.request(url, {
        method: "POST",
        agent: this.agent,
        headers: { ...item.headers, "content-length": String(item.body.length) },
      });
      this.requests.add(request);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        request.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`));
      }, this.options.timeoutMs);
      let settled = false;
      const done = (outcome: Omit<Outcome, "durationMs" | "timedOut">) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.requests.delete(request);
        resolve({ ...outcome, timedOut, durationMs: performance.now() - started });
      };
      request.on("response", (response) => {
        // The outcome is the status, known now; the body is kept for GET /app/hook/deliveries/{id}.
        const body = { text: null as string | null };
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("error", () => undefined); // never crash on a cut body
        response.on("data", (chunk: Buffer) => {
          if (size < RESPONSE_BODY_LIMIT) chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", () => {
          body.text = Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString("utf8");
        });
        done({
          status: response.statusCode ?? null,
          error: null,
          responseHeaders: flatHeaders(response.headers),
          responseBody: body,
        });
      });
      request.on("error", (error) =>
        done({ status: null, error: error.message, responseHeaders: null, responseBody: { text: null } }),
      );
      request.end(item.body);
    });
  }
}

/** The hook delivery log's words for an outcome (GitHub's "Recent Deliveries"). */
function statusText(outcome: Pick<Outcome, "status" | "timedOut">): string {
  if (outcome.status !== null)
    return outcome.status >= 200 && outcome.status < 300 ? "OK" : `Invalid HTTP Response: ${outcome.status}`;
  return outcome.timedOut ? "timed out" : "Failed to connect to host";
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" for installation 1, as in App webhooks. */
export function installationNodeId(id: number): string {
  return nodeId("IntegrationInstallation", id);
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
