/** Sync jobs: `/api/sync/*` and the job part of `/api/repos` (docs/http-api.md). */
import { z } from "zod";
import { instant, repositoryName } from "./common.js";
import { JOB_STATUSES, JOB_TYPES } from "./enums.js";
import { idPageQuery } from "./page.js";

export const job = z.object({
  id: z.number().int(),
  type: z.enum(JOB_TYPES),
  status: z.enum(JOB_STATUSES),
  repository: z.string().nullable().describe("OWNER/REPO; null for maintenance jobs"),
  reason: z.string().nullable().describe("why it waits or was cancelled"),
  error: z.string().nullable(),
  resume_at: instant.nullable(),
  counts: z.record(z.string(), z.number()).describe("rows written, by entity"),
  requests: z.number().int(),
  not_modified: z.number().int(),
  points_used: z.number().int(),
  attempts: z.number().int(),
  worker: z.string().nullable().describe("host:pid of the process that ran it last"),
  params: z.record(z.string(), z.unknown()),
  queued_at: instant,
  started_at: instant.nullable(),
  finished_at: instant.nullable(),
  duration_ms: z.number().nullable(),
});
export type Job = z.infer<typeof job>;

export const jobsQuery = idPageQuery().extend({
  type: z.enum(JOB_TYPES).optional(),
  status: z.enum(JOB_STATUSES).optional(),
  repo: z.string().optional().describe("OWNER/REPO"),
});

export const jobStats = z.object({
  total: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  success_rate: z.number().nullable(),
  average_duration_ms: z.number().nullable(),
  rows_imported: z.number().int(),
  last_success: z.array(z.object({ repository: z.string(), finished_at: instant })),
});
export type JobStats = z.infer<typeof jobStats>;

/** A sync request's answer: the job that will do it (`joined`: an already pending one). */
export const queuedSync = z.object({
  job_id: z.number().int(),
  status: z.enum(JOB_STATUSES),
  joined: z.boolean(),
});

/**
 * "Sync now" options (none: a POST without a body): `refetch` re-reads everything at the stored
 * depth (`ghsync sync --refetch`).
 */
export const syncNowBody = z
  .object({
    refetch: z
      .boolean()
      .optional()
      .describe("re-read everything at the depth the mirror holds, ignoring ETags and high-water marks"),
  })
  .nullish();

export const staleSync = z.object({
  stale: z.number().int().describe("tracked repositories not known current for GHSYNC_STALE_AFTER_S"),
  queued: z.number().int().describe("incremental syncs queued now (a pending one is joined, not counted)"),
  skipped: z
    .enum(["debounced", "rate_budget"])
    .nullable()
    .describe(
      "why nothing was queued: a pass ran within the minute, or the rate limit left is below GHSYNC_POLL_BUDGET",
    ),
});

export const queuedReconcile = z.object({ job_id: z.number().int(), status: z.enum(JOB_STATUSES) });

export const verifyBody = z
  .object({
    repositories: z.array(repositoryName).max(1000).optional().describe("OWNER/REPO names in the mirror"),
    org: z.string().min(1).max(100).optional().describe("every mirrored repository of an organization"),
  })
  .describe("none given: every tracked repository");

/** What a verification found and repaired, in one repository or in all it checked. */
export const verifyCounts = z.object({
  checked: z.number().int().describe("rows compared with GitHub (those mirrored, and those found missing)"),
  deleted: z
    .number()
    .int()
    .describe("rows GitHub no longer has (a 404, a 410 or a move elsewhere confirmed it): tombstoned"),
  moved: z.number().int().describe("repositories found under another name or owner: renamed in the mirror"),
  changed: z.number().int().describe("rows whose updated_at differed from GitHub's: rewritten"),
  missing: z.number().int().describe("rows GitHub has and the mirror lacked: written"),
});
export type VerifyCounts = z.infer<typeof verifyCounts>;

/** `ghsync verify --json`, and a `verify` job's `params.report` (DESIGN.md, Contract). */
export const verifyReport = verifyCounts.extend({
  repositories: z.number().int(),
  requests: z.number().int(),
  points_used: z.number().int(),
  duration_ms: z.number(),
});
export type VerifyReport = z.infer<typeof verifyReport>;

export const trackBody = z.object({
  full_name: repositoryName,
  depth: z.string().optional().describe('"30d" (default), "Nd", "full", or an ISO date'),
});

export type TrackBody = z.input<typeof trackBody>;

export const trackAnswer = queuedSync.extend({ full_name: z.string(), depth: z.string() });
export type TrackAnswer = z.infer<typeof trackAnswer>;

/**
 * One pull request, issue, or pull request's reviews (by its number) a sync reads again by itself:
 * a webhook payload could not be ordered against the stored row (same `updated_at`, other
 * content; a review with another body). Carried in a sync job's params.
 */
export const refreshItem = z.object({
  kind: z.enum(["pull", "issue", "reviews"]),
  number: z.number().int().positive(),
});
export type RefreshItem = z.infer<typeof refreshItem>;
