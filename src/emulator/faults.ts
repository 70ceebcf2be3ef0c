/**
 * Injected trouble for API requests (never for /_emulator routes): latency, a random fault rate
 * (500/502/503 or a dropped connection), queued "next N requests" faults (those, or a 200 whose
 * body has a shape GitHub never sends, to exercise ghsync's own bugs), and secondary rate
 * limits — injected, from too many concurrent requests per token (GitHub: 100), or from too many
 * requests per minute (GitHub: 900 points; off unless configured). Faults never touch data.
 * GitHub answers a primary limit with 403 or 429, and a secondary one with `retry-after` only
 * sometimes (else `x-ratelimit-remaining: 0` + a reset, or nothing):
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 */
import type { Rng } from "./prng.js";

/** `malformed`: 200 with `[{}]`, neither the resource nor the list items a route answers. */
export type FaultStatus = 500 | 502 | 503 | 504 | "drop" | "malformed";

/** How a secondary limit tells the client to wait: `retry-after`, remaining 0 + reset, or nothing. */
export type SecondaryForm = "retry-after" | "reset" | "none";

export interface SecondarySettings {
  count: number;
  retryAfterS: number;
  status: 403 | 429;
  form: SecondaryForm;
}

export interface FaultSettings {
  latencyMs: number;
  faultRate: number;
  /** In-flight requests per token above which GitHub answers with a secondary limit. */
  concurrencyLimit: number;
  concurrencyRetryAfterS: number;
  /** Requests per minute per token before a secondary limit; 0 = off. */
  pointsPerMinute: number;
  /** Status of an exhausted primary limit. */
  primaryStatus: 403 | 429;
  /** Queued: the next `count` API requests get a secondary rate limit (`retryAfterS` also sets the reset). */
  secondary: SecondarySettings;
  /** Queued: the next `count` API requests fail with `status`. */
  failNext: { count: number; status: FaultStatus };
}

export interface FaultUpdate {
  latencyMs?: number;
  faultRate?: number;
  concurrencyLimit?: number;
  concurrencyRetryAfterS?: number;
  pointsPerMinute?: number;
  primaryStatus?: 403 | 429;
  secondary?: { count: number; retryAfterS?: number; status?: 403 | 429; form?: SecondaryForm };
  failNext?: { count: number; status?: FaultStatus };
}

export type FaultDecision =
  | { kind: "none" }
  | { kind: "fail"; status: FaultStatus }
  | { kind: "secondary"; status: 403 | 429; retryAfterS: number; form: SecondaryForm };

export class Faults {
  private settings: FaultSettings;

  constructor(
    initial: Pick<FaultSettings, "latencyMs" | "faultRate" | "pointsPerMinute" | "primaryStatus">,
    private readonly rng: Rng,
  ) {
    this.settings = {
      ...initial,
      concurrencyLimit: 100,
      concurrencyRetryAfterS: 60,
      secondary: { count: 0, retryAfterS: 60, status: 403, form: "retry-after" },
      failNext: { count: 0, status: 502 },
    };
  }

  snapshot(): FaultSettings {
    return structuredClone(this.settings);
  }

  update(change: FaultUpdate): FaultSettings {
    const next = { ...this.settings };
    if (change.latencyMs !== undefined) next.latencyMs = nonNegative("latencyMs", change.latencyMs);
    if (change.faultRate !== undefined) next.faultRate = fraction(change.faultRate);
    if (change.concurrencyLimit !== undefined)
      next.concurrencyLimit = nonNegative("concurrencyLimit", change.concurrencyLimit);
    if (change.concurrencyRetryAfterS !== undefined) {
      next.concurrencyRetryAfterS = nonNegative("concurrencyRetryAfterS", change.concurrencyRetryAfterS);
    }
    if (change.pointsPerMinute !== undefined)
      next.pointsPerMinute = nonNegative("pointsPerMinute", change.pointsPerMinute);
    if (change.primaryStatus !== undefined)
      next.primaryStatus = limitStatus("primaryStatus", change.primaryStatus);
    if (change.secondary) {
      const form = change.secondary.form ?? "retry-after";
      if (!["retry-after", "reset", "none"].includes(form))
        throw new RangeError(`secondary.form: invalid ${String(form)}`);
      next.secondary = {
        count: nonNegative("secondary.count", change.secondary.count),
        retryAfterS: nonNegative("secondary.retryAfterS", change.secondary.retryAfterS ?? 60),
        status: limitStatus("secondary.status", change.secondary.status ?? 403),
        form,
      };
    }
    if (change.failNext) {
      const status = change.failNext.status ?? 502;
      if (![500, 502, 503, 504, "drop", "malformed"].includes(status))
        throw new RangeError(`failNext.status: invalid ${String(status)}`);
      next.failNext = { count: nonNegative("failNext.count", change.failNext.count), status };
    }
    this.settings = next;
    return this.snapshot();
  }

  get latencyMs(): number {
    return this.settings.latencyMs;
  }

  get concurrencyLimit(): number {
    return this.settings.concurrencyLimit;
  }

  get concurrencyRetryAfterS(): number {
    return this.settings.concurrencyRetryAfterS;
  }

  get primaryStatus(): 403 | 429 {
    return this.settings.primaryStatus;
  }

  get pointsPerMinute(): number {
    return this.settings.pointsPerMinute;
  }

  /** Decides the fate of one API request (queued faults first, then the random rate). */
  next(): FaultDecision {
    const { secondary, failNext, faultRate } = this.settings;
    if (secondary.count > 0) {
      secondary.count--;
      const { status, retryAfterS, form } = secondary;
      return { kind: "secondary", status, retryAfterS, form };
    }
    if (failNext.count > 0) {
      failNext.count--;
      return { kind: "fail", status: failNext.status };
    }
    if (faultRate > 0 && this.rng.chance(faultRate)) {
      return { kind: "fail", status: this.rng.pick<FaultStatus>([500, 502, 503, "drop"]) };
    }
    return { kind: "none" };
  }
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`${name}: expected a number ≥ 0, got ${value}`);
  return value;
}

function limitStatus(name: string, value: number): 403 | 429 {
  if (value !== 403 && value !== 429) throw new RangeError(`${name}: expected 403 or 429, got ${value}`);
  return value;
}

function fraction(value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new RangeError(`faultRate: expected 0..1, got ${value}`);
  return value;
}
