/**
 * The jobs of workflow runs (`/actions/runs/{id}/jobs?filter=latest`): a request per run, so only
 * for runs that are finished (their jobs' timings are final), created within JOB_WINDOW_MS (jobs'
 * timings are kept for recent runs only: metrics of build times look back weeks, and a backfill of
 * years would cost a request per run ever made), and whose `updated_at` moved since their jobs were
 * read. The run row's `jobs_synced_for` is the checkpoint, set in the transaction that writes the
 * jobs: a crash re-reads only unfinished runs.
 *
 * `filter=latest` lists the latest attempt's jobs. A re-run's jobs are new ids: those of earlier
 * attempts are kept, not tombstoned (they ran; `run_attempt` tells them apart, and the
 * `workflow_job` webhook delivers every attempt's). Metrics of a run read its latest attempt.
 */
import { and, desc, eq, gte, isNull, or, sql } from "drizzle-orm";
import type { GitHubPage } from "../../github/client.js";
import type { GitHubWorkflowJob, GitHubWorkflowJobList } from "../../normalize/github-delivery-types.js";
import { applyWorkflowJobs } from "../../mirror/apply-delivery.js";
import { unlessGone } from "../../github/unless-gone.js";
import { workflowRuns } from "../../store/schema.js";
import { markDeleted } from "../../store/tombstones.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import { eachConcurrently } from "../each-concurrently.js";

/** Jobs are read for runs created in the last 30 days. */
export const JOB_WINDOW_MS = 30 * 86_400_000;
/** Runs whose jobs are read per sync (the rest at the next one): bounds one sync's cost. */
const MAX_RUNS_PER_SYNC = 1_000;

export async function collectWorkflowJobs(
  ctx: SyncContext,
  repo: RepositoryRef,
  now: Date = new Date(),
): Promise<void> {
  const pending = await ctx.db
    .select({ id: workflowRuns.id, updatedAt: workflowRuns.updatedAt })
    .from(workflowRuns)
    .where(
      and(
        eq(workflowRuns.repositoryId, repo.id),
        isNull(workflowRuns.deletedAt),
        eq(workflowRuns.status, "completed"),
        gte(workflowRuns.createdAt, new Date(now.getTime() - JOB_WINDOW_MS)),
        or(
          isNull(workflowRuns.jobsSyncedFor),
          sql`${workflowRuns.jobsSyncedFor} <> ${workflowRuns.updatedAt}`,
        ),
      ),
    )
    .orderBy(desc(workflowRuns.createdAt))
    .limit(MAX_RUNS_PER_SYNC);
  if (pending.length === 0) return;
  const task = ctx.progress.task(`${repo.fullName} workflow jobs`);
  task.expect(pending.length);
  await eachConcurrently(pending, ctx.concurrency, async (run, remaining) => {
    const jobs: GitHubWorkflowJob[] = [];
    let gone = false;
    let url: string | undefined =
      `/repos/${repo.fullName}/actions/runs/${run.id}/jobs?filter=latest&per_page=100`;
    while (url) {
      const page: GitHubPage<GitHubWorkflowJobList> | undefined = await unlessGone(
        ctx.client.get<GitHubWorkflowJobList>(url),
      );
      // The run was deleted (its logs and jobs with it): a tombstone.
      gone = page === undefined;
      if (!page) break;
      jobs.push(...(page.data?.jobs ?? []));
      url = page.next;
      task.advance(1);
      if (url) task.expect(remaining + 2);
    }
    await ctx.db.transaction(async (tx) => {
      if (gone) await markDeleted(tx, workflowRuns, [run.id], new Date());
      await applyWorkflowJobs(tx, repo.id, jobs);
      await tx.update(workflowRuns).set({ jobsSyncedFor: run.updatedAt }).where(eq(workflowRuns.id, run.id));
    });
  });
  task.finish();
}
