/**
 * A target that keeps failing is switched off, and its owner is told (a `webhook.disabled`
 * notification, listed by the API and emailed) how to turn it back on.
 */
import { insertNotification } from "../store/notifications.js";
import { disableWebhook, recordTargetFailure, type OutgoingWebhookRow } from "../store/outgoing-webhooks.js";
import type { DispatchEnv } from "./dispatch-env.js";
import { displayUrl } from "./targets.js";

/** Counts a failed attempt; disables the target once `disableAfter` fail in a row. True when disabled now. */
export async function countTargetFailure(
  env: DispatchEnv,
  target: OutgoingWebhookRow,
  owner: { login: string },
  lastError: string,
): Promise<boolean> {
  const failures = await recordTargetFailure(env.db, target.id);
  if (failures < env.policy.disableAfter) return false;
  const at = env.now();
  const reason = `${failures} failed deliveries in a row; the last: ${lastError}`;
  const disabled = await disableWebhook(env.db, target.id, reason, at);
  if (!disabled) return false;
  const url = displayUrl(target.kind, target.url);
  env.log.warn({ webhook: target.id, url, failures }, "outgoing target disabled");
  await insertNotification(env.db, {
    userId: target.userId,
    kind: "webhook.disabled",
    title: `Your ${target.kind} target ${url} was disabled`,
    body: `${reason}. Once it answers again, re-enable it: POST /api/users/${owner.login}/webhooks/${target.id}/enable`,
    data: { webhook_id: target.id, kind: target.kind, url, reason },
    dedupeKey: `webhook:${target.id}:disabled:${at.toISOString()}`,
  });
  return true;
}
