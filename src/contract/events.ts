/**
 * The live event stream (`GET /api/sync/events`, Server-Sent Events): each message's `event:` is
 * the type below and its `data:` the JSON object. Jobs publish them (jobs/events.ts); the dashboard
 * reads them (web/sync-events.ts).
 */
import { z } from "zod";
import { instant } from "./common.js";
import { JOB_TYPES } from "./enums.js";

const ofJob = { job_id: z.number().int(), repository: z.string() };

const syncStart = z.object({
  type: z.literal("sync:start"),
  ...ofJob,
  job_type: z.enum(JOB_TYPES),
  worker: z.string().describe("host:pid of the process running it"),
});

const syncProgress = z.object({
  type: z.literal("sync:progress"),
  ...ofJob,
  entity: z.string().nullable(),
  done: z.number().int(),
  total: z.number().int(),
  percent: z.number(),
  eta_s: z.number().nullable(),
  waiting_until: instant.nullable(),
});

const syncComplete = z.object({
  type: z.literal("sync:complete"),
  ...ofJob,
  counts: z.record(z.string(), z.number()),
  requests: z.number().int(),
  points_used: z.number().int(),
  duration_ms: z.number(),
});

const syncError = z.object({
  type: z.literal("sync:error"),
  ...ofJob,
  status: z
    .enum(["failed", "waiting", "queued"])
    .describe("failed: gave up; waiting or queued: carried over (rate limit, shutdown) and will resume"),
  error: z.string(),
  resume_at: instant.nullable(),
});

/** An evaluation of the open goals ran (after activity was applied): their progress may have moved. */
const goalsEvaluated = z.object({ type: z.literal("goals:evaluated"), evaluated: z.number().int() });

const syncEvent = z.discriminatedUnion("type", [syncStart, syncProgress, syncComplete, syncError]);
export type SyncEvent = z.infer<typeof syncEvent>;
export const streamEvent = z.discriminatedUnion("type", [...syncEvent.options, goalsEvaluated]);
export type StreamEvent = z.infer<typeof streamEvent>;
