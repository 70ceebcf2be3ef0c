/** Goals (`/api/goals`): progress counted from the mirror on every read. */
import { z } from "zod";
import { instant, repositoryName } from "./common.js";
import { GOAL_METRICS, GOAL_WINDOWS } from "./enums.js";
import { idPageQuery } from "./page.js";

/** Goal numbers are stored as PostgreSQL integers; a billion is beyond any goal and within them. */
const MAX_COUNT = 1_000_000_000;
const count = z.number().int().min(0).max(MAX_COUNT);
const goalTarget = z.number().int().positive().max(MAX_COUNT);

export const goal = z.object({
  id: z.number().int(),
  user: z.string().describe("the person's login"),
  title: z.string(),
  metric: z.enum(GOAL_METRICS),
  window: z.enum(GOAL_WINDOWS),
  target: z.number().int(),
  repository: z.string().nullable(),
  period_start: instant,
  period_end: instant,
  current: z.number().int(),
  percent: z.number().describe("capped at 100 for display"),
  percent_uncapped: z.number(),
  completed_at: instant.nullable(),
  last_synced_at: instant.nullable().describe("when the repositories it counts were last synced"),
  last_updated_at: instant
    .nullable()
    .describe(
      "when data it counts last arrived: the newest mirrored row or webhook delivery of its repositories",
    ),
  manual: z.boolean(),
  auto_synced: z.boolean(),
  ended_at: instant.nullable(),
});
export type Goal = z.infer<typeof goal>;

export const goalPeriod = z.object({
  period_start: instant,
  period_end: instant,
  current: z.number().int(),
  target: z.number().int(),
  percent: z.number(),
  percent_uncapped: z.number(),
  completed_at: instant.nullable(),
  recorded_at: instant,
});
export type GoalPeriod = z.infer<typeof goalPeriod>;

export const newGoal = z.object({
  user: z.string().min(1).describe("the person's login"),
  title: z.string().max(200).optional(),
  metric: z.enum(GOAL_METRICS),
  window: z.enum(GOAL_WINDOWS).describe("weekly (Monday start) or monthly in the user's timezone, or custom"),
  start: z.string().optional().describe("custom window: ISO date or date-time"),
  end: z.string().optional().describe("custom window: ISO date (included) or date-time (excluded)"),
  target: goalTarget,
  repository: repositoryName.nullable().optional(),
  current: count.optional().describe("manual goals only"),
});
export type NewGoal = z.input<typeof newGoal>;

export const goalPatch = z.object({
  title: z.string().min(1).max(200).optional(),
  target: goalTarget.optional(),
  current: count.optional().describe("manual goals only"),
});

export type GoalPatch = z.input<typeof goalPatch>;

export const goalsQuery = idPageQuery(200).extend({
  user: z.string().optional().describe("only this person's goals"),
});
