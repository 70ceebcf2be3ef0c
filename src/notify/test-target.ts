/**
 * A test message to one target, sent now ("Send test" on the dashboard): a `ping` event, as GitHub
 * sends one to a new webhook, through the same signed, SSRF-checked request as a notification. It
 * is not a notification: nothing is queued, retried or counted against the target, so testing a
 * disabled target does not disable it again; the answer says what happened.
 */
import { randomUUID } from "node:crypto";
import type { OutgoingWebhookRow } from "../store/outgoing-webhooks.js";
import type { DispatchEnv } from "./dispatch-env.js";
import { sendToTarget, type SendResult } from "./send-to-target.js";

export const TEST_EVENT = "ping";

export async function sendTestMessage(env: DispatchEnv, target: OutgoingWebhookRow): Promise<SendResult> {
  return sendToTarget(
    env,
    {
      kind: TEST_EVENT,
      title: "Test message from ghsync",
      body: "This target is set up: ghsync's notifications will arrive here.",
      data: { target_id: target.id, test: true },
      createdAt: env.now(),
    },
    target,
    // A new id each time: a receiver dropping repeated deliveries still shows every test.
    randomUUID(),
  );
}
