/**
 * The headers of outgoing deliveries. Bodies are signed the way GitHub signs its own (HMAC-SHA256
 * of the raw body, hex, `sha256=` prefix; util/signature.ts), so receivers can reuse the
 * verification they already have.
 */
import { createHash } from "node:crypto";

export const SIGNATURE_HEADER = "x-ghsync-signature-256";
export const EVENT_HEADER = "x-ghsync-event";
export const DELIVERY_HEADER = "x-ghsync-delivery";

/**
 * The delivery id of one notification to one target: the same on every retry (like GitHub's
 * X-GitHub-Delivery on a redelivery), so a receiver can drop a repeat. UUID-shaped, from a hash.
 */
export function deliveryId(notificationId: number, webhookId: number): string {
  const hex = createHash("sha256").update(`ghsync-delivery:${notificationId}:${webhookId}`).digest("hex");
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20, 32)].join(
    "-",
  );
}
