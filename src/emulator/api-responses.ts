/** Headers and rate-limit bodies exactly as GitHub words them. */

const EXPOSED =
  "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, " +
  "X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, " +
  "X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset";

/**
 * Headers on every API answer; `date` follows the emulator clock so clients can correct skew.
 * OAuth scope headers only for tokens that have scopes (not installation tokens or JWTs).
 */
export function responseHeaders(
  requestId: string,
  authenticated: boolean,
  nowMs: number,
  oauth = authenticated,
): Record<string, string> {
  return {
    date: new Date(nowMs).toUTCString(),
    "content-type": "application/json; charset=utf-8",
    "cache-control": `${authenticated ? "private" : "public"}, max-age=60, s-maxage=60`,
    vary: "Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding, Accept, X-Requested-With",
    "x-github-api-version-selected": "2022-11-28",
    "x-github-media-type": "github.v3; format=json",
    "x-github-request-id": requestId,
    "access-control-allow-origin": "*",
    "access-control-expose-headers": EXPOSED,
    "x-content-type-options": "nosniff",
    ...(oauth ? { "x-oauth-scopes": "repo, read:org", "x-accepted-oauth-scopes": "" } : {}),
  };
}

const SECONDARY_DOCS =
  "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";

/** Secondary rate limit: 403 or 429, with `retry-after` only when `retryAfterS` is given. */
export function secondaryLimit(status: 403 | 429, retryAfterS: number | null, requestId: string) {
  const body = {
    message:
      "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. " +
      `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
    documentation_url: SECONDARY_DOCS,
    status: String(status),
  };
  const headers: Record<string, string> =
    retryAfterS === null ? {} : { "retry-after": String(Math.ceil(retryAfterS)) };
  return { status, headers, body: JSON.stringify(body) };
}

/** Who a primary rate limit is counted for: a user, an App installation, or (null) an address. */
export type LimitSubject = { user: number } | { installation: number } | null;

/** Primary rate limit exhausted (403 or 429 with x-ratelimit-remaining: 0): the body. */
export function primaryLimit(
  status: 403 | 429,
  subject: LimitSubject,
  ip: string,
  requestId: string,
  nowMs: number,
): string {
  const stamp = new Date(nowMs)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, " UTC");
  const who =
    subject === null
      ? `${ip}. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)`
      : "installation" in subject
        ? `installation ID ${subject.installation}.`
        : `user ID ${subject.user}.`;
  return JSON.stringify({
    message: `API rate limit exceeded for ${who} If you reach out to GitHub Support for help, please include the request ID ${requestId} and timestamp ${stamp}.`,
    documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
    status: String(status),
  });
}
