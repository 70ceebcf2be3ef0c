/** What an operator watches: `/api/health`, `/api/status` and `/api/rate-limits`. */
import { z } from "zod";
import { instant } from "./common.js";

export const rateLimit = z.object({
  credential: z.string().describe("the credential's label (never the token)"),
  status: z.string().describe("valid, rejected…"),
  reason: z.string().nullable(),
  resource: z.string().nullable().describe("core, graphql, search…; null before any reading"),
  limit: z.number().int().nullable(),
  remaining: z.number().int().nullable(),
  used: z.number().int().nullable(),
  reset_at: instant.nullable(),
  updated_at: instant.nullable(),
});
export type RateLimit = z.infer<typeof rateLimit>;

export const queueSummary = z.object({
  queued: z.number().int(),
  waiting: z.number().int(),
  running: z.number().int(),
  oldest_pending_age_s: z.number().nullable(),
});
export type QueueSummary = z.infer<typeof queueSummary>;

export const webhookBacklog = z.object({
  pending: z.number().int(),
  oldest_age_s: z.number().nullable(),
  by_status: z.record(z.string(), z.number().int()),
});
export type WebhookBacklog = z.infer<typeof webhookBacklog>;

const jobsState = z.string().describe('"running", or why this process runs no jobs');
const databaseKind = z.enum(["embedded", "postgres"]);

/** What anyone (a load balancer) is told: up or not. */
export const healthSummary = z.object({
  status: z.literal("ok"),
  database: z.object({ ok: z.literal(true) }),
});

/** What an authenticated caller is told when up: also the backlog and the credentials. */
export const healthy = z.object({
  status: z.literal("ok"),
  database: z.object({ ok: z.literal(true), kind: databaseKind, latency_ms: z.number() }),
  queue: queueSummary.extend({ depth: z.number().int() }),
  credentials: z.array(z.object({ label: z.string(), status: z.string(), reason: z.string().nullable() })),
  webhooks: webhookBacklog,
  jobs: jobsState,
});

export const unhealthySummary = z.object({
  status: z.literal("unavailable"),
  database: z.object({ ok: z.literal(false) }),
});

export const unhealthy = z.object({
  status: z.literal("unavailable"),
  database: z.object({ ok: z.literal(false), kind: databaseKind, error: z.string() }),
  queue: z.null(),
  credentials: z.null(),
  jobs: jobsState,
});

export const staleness = z.object({
  repositories: z.number().int().describe("tracked repositories"),
  never_synced: z.number().int(),
  p50_s: z
    .number()
    .int()
    .nullable()
    .describe(
      "seconds since the mirror was last known current (its last complete sync began, or a change detection found nothing new since)",
    ),
  p95_s: z.number().int().nullable(),
  max_s: z.number().int().nullable(),
});
export type Staleness = z.infer<typeof staleness>;

export const pollingBudget = z.object({
  share: z.number().describe("GHSYNC_POLL_BUDGET as a fraction of the credentials' hourly points"),
  points_per_hour: z
    .number()
    .int()
    .nullable()
    .describe(
      "that share of the hourly points the credentials were last seen to have (null before any reading)",
    ),
  spent_last_hour: z
    .number()
    .int()
    .describe("points change detection and the syncs it queued spent within the last hour"),
});
export type PollingBudget = z.infer<typeof pollingBudget>;

/** `GET /api/status`: how current the mirror is and what keeping it so costs. */
export const statusSummary = z.object({
  staleness,
  polling: pollingBudget,
  queue: queueSummary,
  credentials: z.array(rateLimit),
});
export type StatusSummary = z.infer<typeof statusSummary>;
