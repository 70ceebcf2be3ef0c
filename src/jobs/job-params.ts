/**
 * The params of a `sync_jobs` record, one schema per job type, parsed when the job starts: a
 * record whose params do not parse fails at once (not retried) with an error naming the field,
 * instead of running on undefined fields. Results merged in when a job finishes (a reconcile's
 * counts) are kept in the row; only what the job reads is parsed here.
 */
import { z } from "zod";
import type { JobType } from "../contract/enums.js";
import { refreshItem, verifyReport } from "../contract/jobs.js";
import { GhsyncError } from "../util/errors.js";

const syncParams = z.object({
  /** The depth of the first backfill (`30d`, `full`, an ISO date); absent: the repository's own. */
  depth: z.string().optional(),
  /** Track the repository when the job takes it. */
  track: z.boolean().optional(),
  /** Read it with this App installation's token. */
  installationId: z.number().int().positive().optional(),
  /** Pull requests and issues to read again one by one (a webhook could not be ordered). */
  refresh: z.array(refreshItem).optional(),
  /**
   * Re-read everything at the stored depth (the dashboard's "Re-read from GitHub"): the job forgets
   * the repository's read state when it first runs, and sets this back to false so that a run
   * carried over (rate limit, shutdown) goes on with the backfill instead of starting it again.
   */
  refetch: z.boolean().optional(),
  /** Queued by the scheduler: its points count against the polling budget (GHSYNC_POLL_BUDGET). */
  scheduled: z.boolean().optional(),
});
export type SyncParams = z.infer<typeof syncParams>;

const maintenanceParams = z.object({ trigger: z.enum(["schedule", "startup", "api"]).optional() });

/** A redelivery sweep keeps where it stopped (read by the next sweep). */
const redeliveryParams = maintenanceParams.extend({ swept_until: z.iso.datetime().optional() });

/** A verification: named repositories, an organization's, or (none given) the tracked ones. */
const verifyParams = maintenanceParams.extend({
  repositories: z.array(z.string()).optional(),
  org: z.string().optional(),
  /** Set when the run stopped at its budget: what it has still to verify (null: nothing). */
  remaining: z.array(z.string()).nullable().optional(),
  /** The report so far (the whole run's once it completes). */
  report: verifyReport.optional(),
});

export const JOB_PARAMS = {
  backfill: syncParams,
  incremental: syncParams,
  reconcile: maintenanceParams,
  redelivery_sweep: redeliveryParams,
  metric_snapshots: maintenanceParams,
  verify: verifyParams,
} satisfies Record<JobType, z.ZodType>;

export type JobParams<T extends JobType> = z.infer<(typeof JOB_PARAMS)[T]>;

/**
 * The params of a record that must be one of `types` (a sync queue job carries a backfill or an
 * incremental): a record of another type, or whose params do not parse, is an error not retried.
 */
export function parseJobParams<T extends JobType>(
  job: { id: number; type: JobType; params: unknown },
  ...types: T[]
): JobParams<T> {
  const invalid = (message: string) => new GhsyncError("invalid_job_params", message);
  if (!(types as readonly JobType[]).includes(job.type))
    throw invalid(`job ${job.id} is a ${job.type} job, not a ${types.join(" or ")} job`);
  const parsed = JOB_PARAMS[job.type].safeParse(job.params);
  if (!parsed.success)
    throw invalid(`the params of ${job.type} job ${job.id} do not parse: ${z.prettifyError(parsed.error)}`);
  // The schema picked by a generic key: TypeScript cannot tie its output to the key's type.
  return parsed.data as JobParams<T>;
}
