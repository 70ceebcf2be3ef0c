/**
 * Notifications: what a person is told (a backfill finished, a goal was reached). A row is written
 * once per fact — `dedupe_key` is unique — and then fanned out to email, chat and outgoing
 * webhooks by notify/, which records its own progress; the row itself is what the API lists.
 * The table is the outbox: whoever writes a row only inserts it, the dispatcher does the rest.
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import {
  EMAIL_STATUSES,
  NOTIFICATION_KINDS,
  TARGET_DELIVERY_STATUSES,
  TARGET_EVENTS,
  TARGET_KINDS,
  type TargetEvent,
} from "../contract/enums.js";
import { users } from "./schema-people.js";
import { id, oneOf, ts } from "./columns.js";

export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: id("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    /** The fact this row announces (`goal:12:2026-11-30`); a second insert of it is a no-op. */
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    readAt: ts("read_at"),
    /** When notify/ finished fanning it out (null: still to do; a crash resumes it). */
    dispatchedAt: ts("dispatched_at"),
    /**
     * Not to be dispatched before this time: a worker's claim (its lease) while it works on the
     * row, then the next retry of a target that failed. Null: ready now.
     */
    dispatchAfter: ts("dispatch_after"),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_key").on(t.dedupeKey),
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_undispatched_idx")
      .on(t.createdAt)
      .where(sql`${t.dispatchedAt} is null`),
    oneOf("notifications", t.kind, NOTIFICATION_KINDS),
  ],
);

/** A user's delivery target: a signed webhook of their own, or a Slack or Discord incoming webhook. */
export const outgoingWebhooks = pgTable(
  "outgoing_webhooks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: id("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** `webhook` (signed JSON), `slack`, `discord` (each service's message format). */
    kind: text("kind", { enum: TARGET_KINDS }).notNull(),
    /**
     * The URL as shown (notify/targets.ts displayUrl: no query, a chat URL's token masked). A row
     * from before 0010 holds the whole URL here, with `url_encrypted` null, until it is sealed
     * (app/secrets.ts, at `serve` start or by `ghsync secrets rotate`).
     */
    url: text("url").notNull(),
    /** The whole URL (a Slack or Discord URL is its token), AES-256-GCM under GHSYNC_SECRET_KEY. */
    urlEncrypted: text("url_encrypted"),
    /** Notification kinds sent to it. */
    events: jsonb("events").$type<TargetEvent[]>().notNull(),
    /** The HMAC signing secret, AES-256-GCM under GHSYNC_SECRET_KEY (util/secret-box.ts). */
    secretEncrypted: text("secret_encrypted").notNull(),
    active: boolean("active").notNull().default(true),
    /** Failed attempts in a row; a success resets it, reaching the limit disables the target. */
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    disabledAt: ts("disabled_at"),
    disabledReason: text("disabled_reason"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("outgoing_webhooks_user_idx").on(t.userId),
    oneOf("outgoing_webhooks", t.kind, TARGET_KINDS),
    check(
      "outgoing_webhooks_events_check",
      sql`${t.events} <@ ${sql.raw(`'${JSON.stringify(TARGET_EVENTS)}'::jsonb`)}`,
    ),
  ],
);

/** Every attempt to deliver one notification to one target, one row each. */
export const outgoingDeliveries = pgTable(
  "outgoing_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    webhookId: id("webhook_id")
      .notNull()
      .references(() => outgoingWebhooks.id, { onDelete: "cascade" }),
    notificationId: id("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    attempt: integer("attempt").notNull(),
    /** `sending` (in flight, or its worker died), `delivered`, `failed` (retried), `refused` (SSRF). */
    status: text("status", { enum: TARGET_DELIVERY_STATUSES }).notNull(),
    responseStatus: integer("response_status"),
    error: text("error"),
    durationMs: integer("duration_ms"),
    attemptedAt: ts("attempted_at").notNull(),
    /** When the next attempt is due; null: none (delivered, refused, or given up). */
    nextAttemptAt: ts("next_attempt_at"),
  },
  (t) => [
    // One row per attempt number: two workers can never both make attempt n.
    uniqueIndex("outgoing_deliveries_attempt_key").on(t.webhookId, t.notificationId, t.attempt),
    index("outgoing_deliveries_webhook_idx").on(t.webhookId, t.id),
    oneOf("outgoing_deliveries", t.status, TARGET_DELIVERY_STATUSES),
  ],
);

/** The email of one notification (to its owner): sent at most once it is recorded `sent`. */
export const notificationEmails = pgTable(
  "notification_emails",
  {
    notificationId: id("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    recipient: text("recipient").notNull(),
    /** `sending` (handed to SMTP, or its worker died), `sent`, `failed` (retried until attempts run out). */
    status: text("status", { enum: EMAIL_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    messageId: text("message_id").notNull(),
    error: text("error"),
    sentAt: ts("sent_at"),
    nextAttemptAt: ts("next_attempt_at"),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.notificationId] }),
    oneOf("notification_emails", t.status, EMAIL_STATUSES),
  ],
);
