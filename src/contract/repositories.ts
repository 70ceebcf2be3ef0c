/** Tracked repositories (`/api/repos`) and the mirror's counts (`/api/stats`). */
import { z } from "zod";
import { instant, repositoryName, rowCounts } from "./common.js";
import { verifyCounts } from "./jobs.js";

export const REPOSITORY_STATES = [
  "queued",
  "syncing",
  "waiting",
  "failed",
  "up_to_date",
  "not_synced",
] as const;
export type RepositoryState = (typeof REPOSITORY_STATES)[number];

export const repository = z.object({
  id: z.number().int().nullable().describe("null while a track-by-name request waits for its job"),
  full_name: z.string(),
  private: z.boolean(),
  archived: z.boolean(),
  fork: z.boolean(),
  depth: z.string(),
  state: z.enum(REPOSITORY_STATES),
  reason: z.string().nullable().describe("why it waits, or why it failed"),
  resume_at: instant.nullable(),
  job_id: z.number().int().nullable(),
  last_synced_at: instant.nullable().describe("when a sync of it last finished"),
  last_updated_at: instant
    .nullable()
    .describe("when its data last arrived: the newest mirrored row written or webhook delivery applied"),
  coverage: z.number().int().min(0).max(100).describe("how much of the requested depth the mirror holds"),
  counts: rowCounts,
  last_verification: verifyCounts
    .extend({ finished_at: instant })
    .nullable()
    .describe(
      "the last verification of the repository (ghsync verify, the verify job); null: never verified",
    ),
});
export type Repository = z.infer<typeof repository>;

export const purgeAnswer = z.object({ full_name: z.string(), purged: rowCounts });

export const mirrorCounts = rowCounts.extend({ repositories: z.number().int() });
export type MirrorCounts = z.infer<typeof mirrorCounts>;

export const statsQuery = z.object({ repo: repositoryName.optional(), org: z.string().optional() });
