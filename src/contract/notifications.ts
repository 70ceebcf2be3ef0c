/** A person's notifications (`/api/notifications`) and outgoing targets (`/api/users/:login/webhooks`). */
import { z } from "zod";
import { instant } from "./common.js";
import { NOTIFICATION_KINDS, TARGET_DELIVERY_STATUSES, TARGET_EVENTS, TARGET_KINDS } from "./enums.js";
import { idPageQuery } from "./page.js";

export const notification = z.object({
  id: z.number().int(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()),
  created_at: instant,
  read_at: instant.nullable(),
  dispatched_at: instant.nullable(),
});
export type Notification = z.infer<typeof notification>;

export const notificationsQuery = idPageQuery().extend({
  user: z.string().min(1).describe("the user's login"),
  unread: z.stringbool().optional().describe("only unread ones"),
  kind: z
    .enum(NOTIFICATION_KINDS)
    .optional()
    .describe("one kind, e.g. goal.completed (goal.progress is listed only when asked)"),
});

export const target = z.object({
  id: z.number().int(),
  kind: z.enum(TARGET_KINDS),
  url: z.string().describe("Slack and Discord URLs are shown without their token"),
  events: z.array(z.enum(TARGET_EVENTS)),
  active: z.boolean(),
  consecutive_failures: z.number().int(),
  disabled_at: instant.nullable(),
  disabled_reason: z.string().nullable(),
  created_at: instant,
});
export type Target = z.infer<typeof target>;

export const createdTarget = target.extend({
  secret: z.string().describe("the signing secret, shown only in this answer"),
});

export const newTarget = z.object({
  url: z.string().max(2048),
  kind: z.enum(TARGET_KINDS).optional().describe("webhook (default; signed JSON), slack or discord"),
  events: z.array(z.enum(TARGET_EVENTS)).min(1).optional(),
});

export const targetDelivery = z.object({
  id: z.number().int(),
  notification_id: z.number().int(),
  event: z.string(),
  attempt: z.number().int(),
  status: z.enum(TARGET_DELIVERY_STATUSES).describe("failed is retried; refused: the address is not public"),
  response_status: z.number().int().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number().nullable(),
  attempted_at: instant,
  next_attempt_at: instant.nullable(),
});
export type TargetDelivery = z.infer<typeof targetDelivery>;

export const targetDeliveriesQuery = idPageQuery();

export const targetTestResult = z.object({
  status: z
    .enum(["delivered", "failed", "refused"])
    .describe("delivered: answered 2xx; refused: the address is not public"),
  response_status: z.number().int().nullable(),
  error: z.string().nullable(),
  duration_ms: z.number(),
});
export type TargetTestResult = z.infer<typeof targetTestResult>;

export const emailTestResult = z.object({
  to: z.string(),
  status: z.enum(["sent", "failed"]).describe("sent: the SMTP server accepted it"),
  error: z.string().nullable(),
});
export type EmailTestResult = z.infer<typeof emailTestResult>;
