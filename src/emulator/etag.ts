/**
 * Content-hash ETags: `"<sha256 of the body>"`. GitHub's are strong on uncompressed bodies and weak
 * (`W/`) only on the gzip-compressed ones its front end rewrites; the emulator never compresses.
 * An unchanged response has an unchanged ETag, so If-None-Match gets a 304.
 */
import { createHash } from "node:crypto";

export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("hex")}"`;
}

/** Weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`; `*` and lists are accepted. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = strip(etag);
  return header.split(",").some((tag) => tag.trim() === "*" || strip(tag) === wanted);
}
