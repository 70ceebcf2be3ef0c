/**
 * GitHub's rule for how long to wait after a 403/429 limit: `retry-after` if present; else, when
 * `x-ratelimit-remaining` is 0, until `x-ratelimit-reset`; else at least a minute.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 * The throttling plugin reads only `retry-after` for a secondary limit (else 60 s), so a secondary
 * limit that gives a reset instead is given the equivalent `retry-after` here.
 */
export function withRetryAfterFromReset(response: Response, nowMs: number): Response {
  const { headers } = response;
  if (response.status !== 403 && response.status !== 429) return response;
  if (headers.has("retry-after") || headers.get("x-ratelimit-remaining") !== "0") return response;
  const reset = Number(headers.get("x-ratelimit-reset"));
  if (!Number.isFinite(reset) || reset <= 0) return response;
  headers.set("retry-after", String(Math.max(0, (reset * 1_000 - nowMs) / 1_000)));
  return response;
}
