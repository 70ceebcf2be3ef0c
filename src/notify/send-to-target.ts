/**
 * One request to one outgoing target: the body its kind expects, signed, posted through the
 * SSRF-checked client. Never throws for the receiver's sake: every outcome becomes the attempt's
 * status, response status and error, so it is visible in `outgoing_deliveries`.
 */
import type { OutgoingWebhookRow } from "../store/outgoing-webhooks.js";
import type { AttemptOutcome } from "../store/outgoing-deliveries.js";
import type { DispatchEnv } from "./dispatch-env.js";
import { payloadFor, type NotificationMessage } from "./payloads.js";
import { targetUrl } from "./targets.js";
import { DestinationRefusedError } from "./safe-request.js";
import { sign } from "../util/signature.js";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER } from "./sign.js";

export type SendResult = Omit<AttemptOutcome, "nextAttemptAt">;

/** `delivery` is the `X-Ghsync-Delivery` header: the same on every retry of one notification. */
export async function sendToTarget(
  env: DispatchEnv,
  notification: NotificationMessage,
  target: OutgoingWebhookRow,
  delivery: string,
): Promise<SendResult> {
  const started = performance.now();
  const result = (status: SendResult["status"], responseStatus: number | null, error: string | null) => ({
    status,
    responseStatus,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  if (!env.secrets)
    return result("failed", null, "GHSYNC_SECRET_KEY is not set: the target's signing secret cannot be read");
  try {
    const secret = env.secrets.open(target.secretEncrypted);
    const raw = JSON.stringify(payloadFor(target.kind, notification, env.now()));
    const response = await env.post(targetUrl(target, env.secrets), raw, {
      "content-type": "application/json",
      "user-agent": "ghsync-webhooks",
      [EVENT_HEADER]: notification.kind,
      [DELIVERY_HEADER]: delivery,
      [SIGNATURE_HEADER]: sign(secret, raw),
    });
    if (response.status >= 200 && response.status < 300) return result("delivered", response.status, null);
    if (response.status >= 300 && response.status < 400)
      return result(
        "failed",
        response.status,
        `answered ${response.status} redirecting to ${response.location ?? "(no location)"}; redirects are not followed: configure the final URL`,
      );
    return result("failed", response.status, `answered HTTP ${response.status}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return result(error instanceof DestinationRefusedError ? "refused" : "failed", null, message);
  }
}
