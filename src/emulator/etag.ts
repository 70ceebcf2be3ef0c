/**
 * Content-hash ETags, as GitHub sends them: `W/"<sha256 of the body>"`. An unchanged response has
 * an unchanged ETag, so a conditional request with If-None-Match gets a free 304.
 */
import { createHash } from "node:crypto";

export function etagOf(body: string): string {
  return `W/"${createHash("sha256").update(body).digest("hex")}"`;
}

/** Weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`; `*` and lists are accepted. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = strip(etag);
  return header.split(",").some((tag) => tag.trim() === "*" || strip(tag) === wanted);
}
