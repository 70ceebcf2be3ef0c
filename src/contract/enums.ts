/**
 * The closed sets of values the API answers and accepts, and the database stores: one source for
 * the store's typed columns, the routes' schemas and the dashboard (DESIGN.md, Contract). Plain
 * constants, so every folder — the browser bundle too — may import them.
 */
export const JOB_TYPES = [
  "backfill",
  "incremental",
  "reconcile",
  "redelivery_sweep",
  "metric_snapshots",
  "verify",
] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const JOB_STATUSES = ["queued", "running", "waiting", "completed", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const DELIVERY_STATUSES = ["received", "processed", "failed", "rejected", "ignored"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Goal metrics counted from the mirror (metrics/goal-progress.ts). */
export const AUTO_METRICS = [
  "commits",
  "pull_requests_opened",
  "pull_requests_merged",
  "reviews_submitted",
  "issues_opened",
  "issues_closed",
] as const;
export type AutoMetric = (typeof AUTO_METRICS)[number];
export const GOAL_METRICS = [...AUTO_METRICS, "manual"] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

/** Issue severities, most severe first (metrics/issue-priority.ts). */
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const GOAL_WINDOWS = ["weekly", "monthly", "custom"] as const;
export type GoalWindow = (typeof GOAL_WINDOWS)[number];

/** Notification kinds an outgoing target can subscribe to. */
export const TARGET_EVENTS = ["sync.completed", "goal.completed", "goal.progress"] as const;
export type TargetEvent = (typeof TARGET_EVENTS)[number];

export const TARGET_KINDS = ["webhook", "slack", "discord"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** What a notification announces: the kinds targets subscribe to, and a target switched off. */
export const NOTIFICATION_KINDS = [...TARGET_EVENTS, "webhook.disabled"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One attempt to deliver a notification to a target; `sending` is in flight (or its worker died). */
export const TARGET_DELIVERY_STATUSES = ["sending", "delivered", "failed", "refused"] as const;
export type TargetDeliveryStatus = (typeof TARGET_DELIVERY_STATUSES)[number];

export const EMAIL_STATUSES = ["sending", "sent", "failed"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** A GITHUB_TOKEN, the GitHub App itself (its JWT), or one of its installations. */
export const CREDENTIAL_KINDS = ["token", "app", "installation"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** `retired`: a token no longer configured, kept for the history of its jobs. */
export const CREDENTIAL_STATUSES = ["valid", "invalid", "retired"] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/** What a metric snapshot describes: a person (users.id) or a repository (repositories.id). */
export const SNAPSHOT_SUBJECTS = ["user", "repository"] as const;
export type SnapshotSubject = (typeof SNAPSHOT_SUBJECTS)[number];

/** DORA metrics (docs/dora.md): DevLake's benchmark bands, where deliveries come from, what they are. */
export const DORA_BANDS = ["elite", "high", "medium", "low"] as const;
export type DoraBand = (typeof DORA_BANDS)[number];
export const DORA_DELIVERY_SOURCES = ["deployments", "releases", "workflow_runs", "none"] as const;
export type DoraDeliverySource = (typeof DORA_DELIVERY_SOURCES)[number];
export const DORA_DELIVERY_KINDS = ["deployment", "release", "workflow_run"] as const;
export type DoraDeliveryKind = (typeof DORA_DELIVERY_KINDS)[number];
export const DORA_DELIVERY_RESULTS = ["success", "failure", "error"] as const;
export type DoraDeliveryResult = (typeof DORA_DELIVERY_RESULTS)[number];

/** What a signed-in person may do (docs/security.md, "Roles"): admins manage, members read. */
export const ROLES = ["admin", "member"] as const;
export type Role = (typeof ROLES)[number];
