/**
 * Injected trouble for API requests (never for /_emulator routes): latency, a random fault rate
 * (500/502/503 or a dropped connection), queued "next N requests" faults (those, or a 200 whose
 * body has a shape GitHub never sends, to exercise ghsync's own bugs), and secondary rate
 * limits — injected, from too many concurrent requests per token (GitHub: 100), or from too many
 * requests per minute (GitHub: 900 points; off unless configured). Faults never touch data.
 */
import type { Rng } from "./prng.js";

/** `malformed`: 200 with `[{}]`, neither the resource nor the list items a route answers. */
export type FaultStatus = 500 | 502 | 503 | 504 | "drop" | "malformed";

export interface FaultSettings {
  latencyMs: number;
  faultRate: number;
  /** In-flight requests per token above which GitHub answers with a secondary limit. */
  concurrencyLimit: number;
  concurrencyRetryAfterS: number;
  /** Requests per minute per token before a secondary limit; 0 = off. */
  pointsPerMinute: number;
  /** Queued: the next `count` API requests get a secondary rate limit. */
  secondary: { count: number; retryAfterS: number; status: 403 | 429 };
  /** Queued: the next `count` API requests fail with `status`. */
  failNext: { count: number; status: FaultStatus };
}

export interface FaultUpdate {
  latencyMs?: number;
  faultRate?: number;
  concurrencyLimit?: number;
  concurrencyRetryAfterS?: number;
  pointsPerMinute?: number;
  secondary?: { count: number; retryAfterS?: number; status?: 403 | 429 };
  failNext?: { count: number; status?: FaultStatus };
}

export type FaultDecision =
  | { kind: "none" }
  | { kind: "fail"; status: FaultStatus }
  | { kind: "secondary"; status: 403 | 429; retryAfterS: number };

export class Faults {
  private settings: FaultSettings;

  constructor(
    initial: Pick<FaultSettings, "latencyMs" | "faultRate" | "pointsPerMinute">,
    private readonly rng: Rng,
  ) {
    this.settings = {
      ...initial,
      concurrencyLimit: 100,
      concurrencyRetryAfterS: 60,
      secondary: { count: 0, retryAfterS: 60, status: 403 },
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
    if (change.secondary) {
      next.secondary = {
        count: nonNegative("secondary.count", change.secondary.count),
        retryAfterS: nonNegative("secondary.retryAfterS", change.secondary.retryAfterS ?? 60),
        status: change.secondary.status === 429 ? 429 : 403,
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

  get pointsPerMinute(): number {
    return this.settings.pointsPerMinute;
  }

  /** Decides the fate of one API request (queued faults first, then the random rate). */
  next(): FaultDecision {
    const { secondary, failNext, faultRate } = this.settings;
    if (secondary.count > 0) {
      secondary.count--;
      return { kind: "secondary", status: secondary.status, retryAfterS: secondary.retryAfterS };
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

function fraction(value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new RangeError(`faultRate: expected 0..1, got ${value}`);
  return value;
}
