/**
 * Primary rate limit: a fixed window of `windowS` seconds per credential that starts at its first
 * request (GitHub: 5,000/h per token, 60/h per IP without one). A 304 is free, and so is
 * GET /rate_limit. https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
import type { Clock } from "./time.js";

export interface RateBucket {
  limit: number;
  used: number;
  /** Epoch ms when the window ends. */
  resetMs: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, RateBucket>();

  constructor(
    private readonly clock: Clock,
    private readonly windowS: number,
  ) {}

  /**
   * The current window of `key`, starting one if none is running (`start` false: just a view);
   * `windowS` for a budget of another length than the primary one (search: a minute).
   */
  bucket(key: string, limit: number, start = true, windowS = this.windowS): RateBucket {
    const now = this.clock();
    const current = this.buckets.get(key);
    if (current && now < current.resetMs) return current;
    const fresh = { limit, used: 0, resetMs: now + windowS * 1000 };
    if (start) this.buckets.set(key, fresh);
    return fresh;
  }

  exhausted(bucket: RateBucket): boolean {
    return bucket.used >= bucket.limit;
  }

  consume(bucket: RateBucket, points = 1): void {
    bucket.used += points;
  }
}

export function rateHeaders(bucket: RateBucket, resource = "core"): Record<string, string> {
  return {
    "x-ratelimit-limit": String(bucket.limit),
    "x-ratelimit-remaining": String(Math.max(0, bucket.limit - bucket.used)),
    "x-ratelimit-reset": String(Math.ceil(bucket.resetMs / 1000)),
    "x-ratelimit-used": String(bucket.used),
    "x-ratelimit-resource": resource,
  };
}

const view = (bucket: RateBucket) => ({
  limit: bucket.limit,
  used: bucket.used,
  remaining: Math.max(0, bucket.limit - bucket.used),
  reset: Math.ceil(bucket.resetMs / 1000),
});

/** GET /rate_limit body (rate-limit-overview); `core`, `search` and `graphql` are enforced. */
export function rateLimitOverview(
  buckets: { core: RateBucket; search: RateBucket; graphql: RateBucket },
  nowMs: number,
): Record<string, unknown> {
  const hourly = Math.ceil(nowMs / 1000) + 3600;
  const minutely = Math.ceil(nowMs / 1000) + 60;
  const fixed = (limit: number, at: number) => ({ limit, used: 0, remaining: limit, reset: at });
  const coreView = view(buckets.core);
  return {
    resources: {
      core: coreView,
      search: view(buckets.search),
      graphql: view(buckets.graphql),
      integration_manifest: fixed(5000, hourly),
      source_import: fixed(100, minutely),
      code_scanning_upload: fixed(1000, hourly),
      actions_runner_registration: fixed(10000, hourly),
      scim: fixed(15000, hourly),
      dependency_snapshots: fixed(100, minutely),
      code_search: fixed(10, minutely),
    },
    rate: coreView,
  };
}
