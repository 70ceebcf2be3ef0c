/** Developer and repository metrics (`/api/metrics/*`, docs/goals-and-metrics.md). */
import { z } from "zod";
import { instant, repositoryName } from "./common.js";
import { AUTO_METRICS, SEVERITIES } from "./enums.js";
import { goal } from "./goals.js";

export const distribution = z.object({
  count: z.number().int(),
  median: z.number().nullable(),
  p90: z.number().nullable(),
  mean: z.number().nullable(),
});

const weekCount = z.object({ week: z.string().describe("the week's first day"), merged: z.number().int() });

const pullStats = z.object({
  prs_opened: z.number().int(),
  prs_merged: z.number().int(),
  cycle_time_hours: distribution,
  pickup_time_hours: distribution,
  review_time_hours: distribution,
  pr_size: distribution.describe("lines added + deleted"),
  merged_without_review: z.number().int(),
});

export const metricWindowQuery = z.object({
  from: z
    .string()
    .optional()
    .describe("a date (whole day in the subject's zone) or an ISO date-time; default 30 days before `to`"),
  to: z.string().optional().describe("a date (included) or an ISO date-time (excluded); default now"),
});

export const userMetrics = pullStats.extend({
  login: z.string(),
  from: instant,
  to: instant,
  time_zone: z.string(),
  commits: z.number().int(),
  reviews_given: z.number().int(),
  throughput: z.array(weekCount),
  streak: z.object({
    current: z.number().int(),
    frozen_days: z
      .array(z.string())
      .describe("days without a contribution the current streak was protected on (streak freezes)"),
    longest: z.number().int(),
    longest_ended_on: z.string().nullable(),
  }),
  achievements: z.array(z.object({ id: z.string(), title: z.string(), achieved_on: z.string().nullable() })),
});

export const repositoryMetrics = pullStats.extend({
  repository: z.string(),
  from: instant,
  to: instant,
  commits: z.number().int(),
  reviews: z.number().int(),
  contributors: z.number().int(),
  throughput: z.array(weekCount),
  issues: z.object({
    opened: z.number().int(),
    closed: z.number().int(),
    open: z.number().int(),
    open_by_severity: z.object({
      critical: z.number().int(),
      high: z.number().int(),
      medium: z.number().int(),
      low: z.number().int(),
    }),
    open_blockers: z.number().int(),
    open_over_sla: z.number().int(),
  }),
  health: z.object({
    score: z.number(),
    parts: z.object({
      activity: z.number(),
      delivery: z.number(),
      review_coverage: z.number(),
      responsiveness: z.number(),
      issue_hygiene: z.number(),
      contributors: z.number(),
    }),
  }),
});

export const activityQuery = metricWindowQuery.extend({
  repo: repositoryName.optional().describe("only this repository"),
  user: z.string().min(1).max(100).optional().describe("only this person (ghsync or linked GitHub login)"),
});

const activityWeek = z.object({
  week: z.string().describe("the week's Monday"),
  commits: z.number().int(),
  prs_opened: z.number().int(),
  prs_merged: z.number().int(),
  reviews: z.number().int(),
  cycle_time_hours: z.number().nullable(),
  pickup_time_hours: z.number().nullable(),
});
export type ActivityWeek = z.infer<typeof activityWeek>;

export const activityReport = z.object({
  from: instant,
  to: instant,
  time_zone: z.string(),
  repository: z.string().nullable(),
  user: z.string().nullable(),
  weeks: z.array(activityWeek),
});
export type ActivityReport = z.infer<typeof activityReport>;

export const prioritizedIssue = z.object({
  number: z.number().int(),
  title: z.string(),
  state: z.string(),
  labels: z.array(z.string()),
  assignees: z.array(z.string()),
  author_login: z.string().nullable(),
  created_at: instant,
  closed_at: instant.nullable(),
  severity: z.enum(SEVERITIES),
  sla_hours: z.number(),
  sla_breached: z.boolean(),
  priority: z.number().int().min(0).max(100),
  blocker: z.boolean(),
});

export const leaderboard = z.object({
  from: instant,
  to: instant,
  items: z.array(
    z.object({
      rank: z.number().int(),
      login: z.string(),
      name: z.string().nullable(),
      commits: z.number().int().describe("commits in public repositories within [from, to)"),
      pull_requests_merged: z.number().int(),
      streak_days: z.number().int().describe("current commit streak (streak freezes included)"),
    }),
  ),
});
export type Leaderboard = z.infer<typeof leaderboard>;

export const publicProfile = z.object({
  login: z.string(),
  name: z.string().nullable(),
  timezone: z.string(),
  goals: z.array(goal.omit({ last_synced_at: true, last_updated_at: true })),
  totals: z.record(z.enum(AUTO_METRICS), z.number().int()),
  streak: z.object({
    current_days: z.number().int(),
    frozen_days: z.array(z.string()).describe("days the current streak was protected on (streak freezes)"),
    last_commit_day: z.string().nullable(),
  }),
});

export type UserMetrics = z.infer<typeof userMetrics>;
export type RepositoryMetrics = z.infer<typeof repositoryMetrics>;

export const teamRollup = z.object({
  repository: z.string(),
  from: instant,
  to: instant,
  items: z.array(
    z.object({
      team: z.string().describe("ORG/SLUG"),
      name: z.string(),
      members: z.number().int(),
      commits: z.number().int(),
      prs_opened: z.number().int(),
      prs_merged: z.number().int(),
      cycle_time_hours: distribution,
    }),
  ),
});
export type TeamRollup = z.infer<typeof teamRollup>;
