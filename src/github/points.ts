/**
 * What a REST answer cost (pure): GitHub charges a point for a request it served — a 2xx, a
 * redirect, a 404 or 410, a 403 that is a refusal rather than a limit — and nothing for a 304,
 * a rate-limit answer (primary: remaining 0; secondary: retry-after or its message), an
 * authentication failure, or an outage (5xx, or an answer without rate-limit headers, which
 * came from a proxy, not from the API). GraphQL answers are charged their query's cost, which
 * the client reads from the body (`rateLimit { cost }`), not here.
 */

const SECONDARY_LIMIT = /secondary rate limit/i;

export function restPointsOf(status: number, headers: Headers, body: ArrayBuffer | null): number {
  // Points of the hourly `core` budget only: search spends its own budget of 30 a minute.
  const resource = headers.get("x-ratelimit-resource");
  if (resource !== null && resource !== "core") return 0;
  if (!headers.has("x-ratelimit-remaining")) return 0;
  if (status === 304 || status === 400 || status === 401 || status >= 500) return 0;
  if (status === 403 || status === 429) {
    if (headers.get("x-ratelimit-remaining") === "0" || headers.has("retry-after")) return 0;
    if (body && SECONDARY_LIMIT.test(new TextDecoder().decode(body))) return 0;
  }
  return 1;
}
