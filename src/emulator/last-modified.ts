/**
 * `Last-Modified` on single resources (GitHub: "many endpoints return a last-modified header"),
 * taken from the resource's `updated_at`; `If-Modified-Since` answers 304 when nothing changed
 * since. If-None-Match, when sent, decides instead (RFC 9110 §13.1.3).
 * https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
 */
export function lastModifiedOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const updatedAt = (body as { updated_at?: unknown }).updated_at;
  const ms = typeof updatedAt === "string" ? Date.parse(updatedAt) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toUTCString() : undefined;
}

/** True when `If-Modified-Since` is at or after `lastModified` (HTTP dates have 1 s precision). */
export function notModifiedSince(header: string | undefined, lastModified: string): boolean {
  if (!header) return false;
  const since = Date.parse(header);
  return Number.isFinite(since) && Date.parse(lastModified) <= since;
}
