/** The API's answers as the dashboard reads them (docs/http-api.md). */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export type SessionView =
  { authenticated: false } | { authenticated: true; csrf_token: string; expires_at: string };

export type RepositoryState = "queued" | "syncing" | "waiting" | "failed" | "up_to_date" | "not_synced";

export interface RowCounts {
  commits: number;
  pull_requests: number;
  reviews: number;
  issues: number;
  comments: number;
  contributors: number;
}

export interface Repository {
  id: number | null;
  full_name: string;
  depth: string;
  state: RepositoryState;
  reason: string | null;
  resume_at: string | null;
  job_id: number | null;
  last_synced_at: string | null;
  coverage: number;
  counts: RowCounts;
}

export interface TrackAnswer {
  job_id: number;
  status: string;
  joined: boolean;
  full_name: string;
  depth: string;
}

export const JOB_TYPES = [
  "backfill",
  "incremental",
  "reconcile",
  "redelivery_sweep",
  "metric_snapshots",
] as const;
export const JOB_STATUSES = ["queued", "running", "waiting", "completed", "failed", "cancelled"] as const;

export interface Job {
  id: number;
  type: (typeof JOB_TYPES)[number];
  status: (typeof JOB_STATUSES)[number];
  repository: string | null;
  reason: string | null;
  error: string | null;
  resume_at: string | null;
  counts: Record<string, number>;
  requests: number;
  not_modified: number;
  points_used: number;
  attempts: number;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
}

export interface JobStats {
  total: number;
  completed: number;
  failed: number;
  success_rate: number | null;
  average_duration_ms: number | null;
  rows_imported: number;
  last_success: { repository: string; finished_at: string }[];
}

export interface RateLimit {
  credential: string;
  status: string;
  reason: string | null;
  resource: string | null;
  limit: number | null;
  remaining: number | null;
  used: number | null;
  reset_at: string | null;
  updated_at: string | null;
}

export const DELIVERY_STATUSES = ["received", "processed", "failed", "rejected", "ignored"] as const;

export interface Delivery {
  id: number;
  delivery_id: string;
  event: string;
  action: string | null;
  status: (typeof DELIVERY_STATUSES)[number];
  reason: string | null;
  error: string | null;
  attempts: number;
  received_at: string;
  processed_at: string | null;
}

export interface WebhookSetup {
  url: string;
  content_type: string;
  configured: boolean;
  secret_fingerprints: string[];
  events: string[];
}

/** `GET /api/sync/events` (src/jobs/events.ts). */
export type SyncEvent =
  | { type: "sync:start"; job_id: number; repository: string }
  | {
      type: "sync:progress";
      job_id: number;
      repository: string;
      done: number;
      total: number;
      percent: number;
      eta_s: number | null;
      waiting_until: string | null;
    }
  | { type: "sync:complete"; job_id: number; repository: string; duration_ms: number }
  | { type: "sync:error"; job_id: number; repository: string; status: string; error: string };

/** Everything on the event stream: the sync events and `goals:evaluated`. */
export type StreamEvent = SyncEvent | { type: "goals:evaluated"; evaluated: number };

/** `GET /api/users` (docs/goals-and-metrics.md, "People and goals"). */
export interface Person {
  login: string;
  name: string | null;
  timezone: string;
  accounts: { login: string }[];
}

export const GOAL_METRICS = [
  "commits",
  "pull_requests_opened",
  "pull_requests_merged",
  "reviews_submitted",
  "issues_opened",
  "issues_closed",
  "manual",
] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];
export const GOAL_WINDOWS = ["weekly", "monthly", "custom"] as const;

export interface Goal {
  id: number;
  user: string;
  title: string;
  metric: GoalMetric;
  window: (typeof GOAL_WINDOWS)[number];
  target: number;
  repository: string | null;
  period_start: string;
  period_end: string;
  current: number;
  percent: number;
  completed_at: string | null;
  last_synced_at: string | null;
  manual: boolean;
  auto_synced: boolean;
}

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
}

/** `GET /api/metrics/activity`. */
export interface ActivityWeek {
  week: string;
  commits: number;
  prs_opened: number;
  prs_merged: number;
  reviews: number;
  cycle_time_hours: number | null;
  pickup_time_hours: number | null;
}

export interface ActivityReport {
  from: string;
  to: string;
  time_zone: string;
  repository: string | null;
  user: string | null;
  weeks: ActivityWeek[];
}
