/**
 * Notifications: what a person is told (a backfill finished, a goal was reached). A row is written
 * once per fact — `dedupe_key` is unique — and then fanned out to email, chat and outgoing
 * webhooks by notify/, which records its own progress; the row itself is what the API lists.
 */
import { sql } from "drizzle-orm";
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./schema-people.js";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** `sync.completed`, `goal.completed`, `goal.progress`, `webhook.disabled`, … */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    /** The fact this row announces (`goal:12:2026-11-30`); a second insert of it is a no-op. */
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    readAt: ts("read_at"),
    /** When notify/ finished fanning it out (null: still to do; a crash resumes it). */
    dispatchedAt: ts("dispatched_at"),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_key").on(t.dedupeKey),
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_undispatched_idx")
      .on(t.createdAt)
      .where(sql`${t.dispatchedAt} is null`),
  ],
);
