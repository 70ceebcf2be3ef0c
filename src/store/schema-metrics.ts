/**
 * Daily metric snapshots (issue: developer and repository metrics): one row per (subject, day),
 * written by the `metric-snapshots` job and rewritten — never duplicated — when it runs again
 * that day. They keep history cheap to chart; the live numbers are always computed from the mirror.
 */
import { date, index, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { SNAPSHOT_SUBJECTS } from "../contract/enums.js";
import { id, oneOf } from "./columns.js";

export const metricSnapshots = pgTable(
  "metric_snapshots",
  {
    subjectType: text("subject_type", { enum: SNAPSHOT_SUBJECTS }).notNull(),
    subjectId: id("subject_id").notNull(),
    /** The UTC day the snapshot describes (its window is the 30 days ending with it). */
    day: date("day", { mode: "string" }).notNull(),
    metrics: jsonb("metrics").$type<Record<string, unknown>>().notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.subjectType, t.subjectId, t.day] }),
    index("metric_snapshots_day_idx").on(t.day),
    oneOf("metric_snapshots", t.subjectType, SNAPSHOT_SUBJECTS),
  ],
);
