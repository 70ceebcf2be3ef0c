/**
 * Actions workflow runs (`/actions/runs`, newest first by creation; the answer is
 * `{total_count, workflow_runs}`), walked like every list (walk-list.ts): a backfill to the depth,
 * then a conditional poll of the stable first page and, on a change, pages down to the high-water
 * mark (the newest run's `created_at`) minus RERUN_OVERLAP_MS. Pages after the first are asked for
 * by date (`created<=` the oldest run of the page before), not by number: a run deleted above the
 * walk would otherwise shift one past it (FAULTS #21).
 *
 * A run changes after it is listed: it finishes, or is re-run (same id, `run_attempt` + 1, new
 * `updated_at`), while its place in the list (its creation) stays. So:
 * - runs the mirror holds unfinished (status not `completed`) are read again one by one, with their
 *   ETags, until they finish. Walking down to the oldest unfinished run instead would cost a page
 *   per 100 newer runs at every sync, without bound when a run waits for days (approval gates,
 *   queued runners); a conditional read costs one request and 0 points while the run is unchanged
 *   (304), and only the runs running at a time are unfinished.
 * - a re-run of a finished run within RERUN_OVERLAP_MS of the newest run is re-listed by the
 *   overlap; an older re-run arrives by the `workflow_run` webhook (GitHub allows re-runs for 30
 *   days; walking 30 days of runs at every change would cost far more than it finds).
 */
import { and, desc, eq, isNull, ne, notInArray, or } from "drizzle-orm";
import type { GitHubWorkflowRun, GitHubWorkflowRunList } from "../../normalize/github-delivery-types.js";
import { toId } from "../../normalize/ids.js";
import { applyWorkflowRuns } from "../../mirror/apply-delivery.js";
import { saveEtag } from "../../store/checkpoints.js";
import { workflowRuns } from "../../store/schema.js";
import { markDeleted } from "../../store/tombstones.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import { walkList, type ListCollector } from "../walk-list.js";
import { collectWorkflowJobs } from "./collect-workflow-jobs.js";
import { readIfChanged } from "./read-if-changed.js";

/** Re-runs are mostly asked for within hours of a failure; a day of runs is re-read on a change. */
export const RERUN_OVERLAP_MS = 24 * 3_600_000;
/** Unfinished runs read again per sync (the rest at the next one): more run at once only in huge repositories. */
const MAX_UNFINISHED_READS = 200;

export function workflowRunsCollector(ctx: SyncContext, seen: Set<number>): ListCollector<GitHubWorkflowRun> {
  return {
    entity: "workflow_runs",
    firstPageUrl: (repo) => `/repos/${repo.fullName}/actions/runs?per_page=100`,
    // GitHub serves at most 1,000 runs of a filtered list: each one asked for here is read from
    // its first page on, a page or two at a time.
    pageFrom: (repo, atOrBefore) =>
      `/repos/${repo.fullName}/actions/runs?per_page=100&created=${encodeURIComponent(`<=${atOrBefore.toISOString().replace(".000Z", "Z")}`)}`,
    itemsOf: (body) => (body as GitHubWorkflowRunList).workflow_runs ?? [],
    dateOf: (run) => new Date(run.created_at),
    overlapMs: RERUN_OVERLAP_MS,
    async writePage(tx, repo, items) {
      for (const run of items) seen.add(toId(run.id));
      const written = await applyWorkflowRuns(tx, repo.id, items);
      ctx.counts.workflow_runs += written;
      return written;
    },
  };
}

/** The runs, the unfinished ones read again, then the jobs of recent finished runs. */
export async function collectWorkflowRuns(
  ctx: SyncContext,
  repo: RepositoryRef,
  since: Date | null,
): Promise<void> {
  const seen = new Set<number>();
  await walkList(ctx, repo, workflowRunsCollector(ctx, seen), since);
  await rereadUnfinished(ctx, repo, seen);
  await collectWorkflowJobs(ctx, repo);
}

async function rereadUnfinished(ctx: SyncContext, repo: RepositoryRef, seen: Set<number>): Promise<void> {
  const unfinished = await ctx.db
    .select({ id: workflowRuns.id })
    .from(workflowRuns)
    .where(
      and(
        eq(workflowRuns.repositoryId, repo.id),
        isNull(workflowRuns.deletedAt),
        or(isNull(workflowRuns.status), ne(workflowRuns.status, "completed")),
        ...(seen.size > 0 ? [notInArray(workflowRuns.id, [...seen])] : []),
      ),
    )
    .orderBy(desc(workflowRuns.createdAt))
    .limit(MAX_UNFINISHED_READS);
  if (unfinished.length === 0) return;
  const task = ctx.progress.task(`${repo.fullName} unfinished workflow runs`);
  task.expect(unfinished.length);
  for (const { id } of unfinished) {
    const url = `/repos/${repo.fullName}/actions/runs/${id}`;
    const read = await readIfChanged<GitHubWorkflowRun>(ctx, url);
    task.advance(1);
    if (read.kind === "unchanged") continue;
    await ctx.db.transaction(async (tx) => {
      if (read.kind === "gone") {
        await markDeleted(tx, workflowRuns, [id], new Date());
        return;
      }
      const written = await applyWorkflowRuns(tx, repo.id, [read.data]);
      ctx.counts.workflow_runs += written;
      await saveEtag(tx, url, read.etag);
    });
  }
  task.finish();
}
