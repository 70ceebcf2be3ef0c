/**
 * Goals and their finished periods (issue: people, goals). A goal's progress is never stored as a
 * counter that sync increments: it is a query over the mirror for [period_start, period_end).
 * `current` holds the value last evaluated (for auto goals: to tell a change, for a notification)
 * or the value set by hand (manual goals).
 */
import { sql } from "drizzle-orm";
import { bigserial, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { GOAL_METRICS, GOAL_WINDOWS } from "../contract/enums.js";
import { users } from "./schema-people.js";
import { id, oneOf, ts } from "./columns.js";

export const goals = pgTable(
  "goals",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: id("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    metric: text("metric", { enum: GOAL_METRICS }).notNull(),
    /** weekly (Monday start), monthly (in the user's timezone), or custom. */
    window: text("window", { enum: GOAL_WINDOWS }).notNull(),
    target: integer("target").notNull(),
    /** Only rows of this repository count (by id: a rename keeps the goal). */
    repositoryId: id("repository_id"),
    periodStart: ts("period_start").notNull(),
    periodEnd: ts("period_end").notNull(),
    current: integer("current").notNull().default(0),
    /** When `current` first reached `target` in this period. */
    completedAt: ts("completed_at"),
    evaluatedAt: ts("evaluated_at"),
    /** A custom goal whose range has passed: its result is in goal_history, it is not evaluated. */
    endedAt: ts("ended_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("goals_user_idx").on(t.userId),
    index("goals_open_period_idx")
      .on(t.periodEnd)
      .where(sql`${t.endedAt} is null`),
    oneOf("goals", t.metric, GOAL_METRICS),
    oneOf("goals", t.window, GOAL_WINDOWS),
  ],
);

/** The result of each finished period; written once per (goal, period_start). */
export const goalHistory = pgTable(
  "goal_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    goalId: id("goal_id")
      .notNull()
      .references(() => goals.id, { onDelete: "cascade" }),
    periodStart: ts("period_start").notNull(),
    periodEnd: ts("period_end").notNull(),
    current: integer("current").notNull(),
    target: integer("target").notNull(),
    completedAt: ts("completed_at"),
    recordedAt: ts("recorded_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("goal_history_period_key").on(t.goalId, t.periodStart)],
);
