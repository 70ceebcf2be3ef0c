/**
 * `X-Hub-Signature-256` = "sha256=" + HMAC-SHA256(secret, raw body). Computed over the bytes as
 * received (not a re-encoded string), compared in constant time, against every configured secret
 * (GITHUB_WEBHOOK_SECRET may list several during a rotation).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export function signatureMatches(
  secrets: readonly string[],
  body: Buffer,
  header: string | undefined,
): boolean {
  if (!header?.startsWith("sha256=")) return false;
  const given = Buffer.from(header.slice("sha256=".length), "hex");
  if (given.length !== 32) return false;
  let ok = false;
  for (const secret of secrets) {
    const expected = createHmac("sha256", secret).update(body).digest();
    // Check every secret (no early exit): the time taken does not tell which one matched.
    ok = timingSafeEqual(expected, given) || ok;
  }
  return ok;
}

export function sign(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
