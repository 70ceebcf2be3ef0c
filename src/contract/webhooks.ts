/** Incoming webhooks: the delivery inbox (`/api/webhooks/deliveries`) and the setup hint. */
import { z } from "zod";
import { instant } from "./common.js";
import { DELIVERY_STATUSES } from "./enums.js";
import { idPageQuery } from "./page.js";

export const delivery = z.object({
  id: z.number().int(),
  delivery_id: z.string().describe("X-GitHub-Delivery"),
  hook_id: z.string().nullable(),
  event: z.string().nullable(),
  action: z.string().nullable(),
  status: z.enum(DELIVERY_STATUSES),
  signature_ok: z.boolean(),
  reason: z.string().nullable().describe("why it was rejected or ignored"),
  error: z.string().nullable(),
  attempts: z.number().int(),
  repository_id: z.number().int().nullable(),
  received_at: instant,
  processed_at: instant.nullable(),
  next_attempt_at: instant.nullable(),
});
export type Delivery = z.infer<typeof delivery>;

export const deliveriesQuery = idPageQuery().extend({
  status: z.enum(DELIVERY_STATUSES).optional(),
  event: z.string().optional(),
});

export const webhookSetup = z.object({
  url: z.string().describe("the payload URL to give GitHub"),
  content_type: z.literal("application/json"),
  configured: z.boolean(),
  secret_fingerprints: z.array(z.string()).describe("first 8 hex digits of each secret's sha256"),
  events: z.array(z.string()),
});
export type WebhookSetup = z.infer<typeof webhookSetup>;
