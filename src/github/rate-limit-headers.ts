/** Reads a response's `x-ratelimit-*` headers (GitHub sends them on every API response, 304 included). */
import type { Budget } from "./credential-pool.js";

export type ResponseHeaders = Record<string, string | number | undefined>;

export function budgetFromHeaders(
  headers: ResponseHeaders,
): { resource: string; budget: Budget } | undefined {
  const limit = Number(headers["x-ratelimit-limit"]);
  const remaining = Number(headers["x-ratelimit-remaining"]);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || !Number.isFinite(reset)) return undefined;
  const used = Number(headers["x-ratelimit-used"]);
  return {
    resource: String(headers["x-ratelimit-resource"] ?? "core"),
    budget: {
      limit,
      remaining,
      used: Number.isFinite(used) ? used : limit - remaining,
      resetAt: new Date(reset * 1_000),
    },
  };
}
