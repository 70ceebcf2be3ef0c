/** Small shapes every part of the API shares. */
import { z } from "zod";

/** An instant, as `Date.prototype.toISOString()` writes it. */
export const instant = z.string().describe("ISO 8601 date-time (UTC)");

export const repositoryName = z.string().regex(/^[\w.-]+\/[\w.-]+$/, "must be OWNER/REPO");

export const repoParams = z.object({
  owner: z.string().regex(/^[\w.-]+$/),
  repo: z.string().regex(/^[\w.-]+$/),
});

export const idParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53 - 1),
});

export const loginParams = z.object({ login: z.string().min(1).max(64) });

/** Rows of each entity in the mirror (`ghsync stats --json`, a repository's counts, a purge). */
export const rowCounts = z.object({
  commits: z.number().int(),
  pull_requests: z.number().int(),
  reviews: z.number().int(),
  issues: z.number().int(),
  comments: z.number().int(),
  contributors: z.number().int(),
  workflow_runs: z.number().int(),
  check_runs: z.number().int(),
  deployments: z.number().int(),
  releases: z.number().int(),
  review_comments: z.number().int(),
});
export type RowCounts = z.infer<typeof rowCounts>;

/** A 204 answer has no body. */
export const noContent = z.null().describe("no content");
