/**
 * The jobs of workflow runs: with GraphQL, a hundred runs a query (graphql/read-checks.ts); with
 * REST (`--api rest`, or what a query could not read whole), `/actions/runs/{id}/jobs?filter=latest`
 * a request per run. Only for runs that are finished (their jobs' timings are final), created
 * within JOB_WINDOW_MS (jobs' timings are kept for recent runs only: metrics of build times look
 * back weeks, and a backfill of years would read every run ever made), and whose `updated_at`
 * moved since their jobs were read. The run row's `jobs_synced_for` is the checkpoint, set in the
 * transaction that writes the jobs: a crash re-reads only unfinished runs.
 *
 * Both read the latest attempt's jobs (`filter=latest`, `checkType: LATEST`). A re-run's jobs are
 * new ids: those of earlier attempts are kept, not tombstoned (they ran; `run_attempt` tells them
 * apart, and the `workflow_job` webhook delivers every attempt's). Metrics of a run read its latest attempt.
 */
import { and, desc, eq, gte, isNull, or, sql } from "drizzle-orm";
import type { GitHubPage } from "../../github/client.js";
import type { GitHubWorkflowJob, GitHubWorkflowJobList } from "../../normalize/github-delivery-types.js";
import { applyWorkflowJobRows } from "../../mirror/apply-delivery.js";
import { normalizeWorkflowJob } from "../../normalize/normalize-workflow-run.js";
import { unlessGone } from "../../github/unless-gone.js";
import { workflowRuns } from "../../store/schema.js";
import { markDeleted } from "../../store/tombstones.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import { eachConcurrently } from "../each-concurrently.js";
import { PageSize } from "../graphql/page-size.js";
import { readRunJobs, unlessGraphqlUnavailable, type RunJobs } from "../graphql/read-checks.js";

/** Jobs are read for runs created in the last 30 days. */
export const JOB_WINDOW_MS = 30 * 86_400_000;
/** Runs whose jobs are read per sync (the rest at the next one): bounds one sync's cost. */
const MAX_RUNS_PER_SYNC = 1_000;
/** Runs read and written together (a GraphQL query's worth). */
const BATCH = 100;

export async function collectWorkflowJobs(
  ctx: SyncContext,
  repo: RepositoryRef,
  now: Date = new Date(),
): Promise<void> {
  const pending = await ctx.db
    .select({
      id: workflowRuns.id,
      nodeId: workflowRuns.nodeId,
      runAttempt: workflowRuns.runAttempt,
      updatedAt: workflowRuns.updatedAt,
    })
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
  const size = new PageSize((attempt) => ctx.client.backOff(attempt));
  for (let start = 0; start < pending.length; start += BATCH) {
    const batch = pending.slice(start, start + BATCH);
    const known = batch.flatMap((run) => (run.nodeId ? [{ ...run, nodeId: run.nodeId }] : []));
    const read = await unlessGraphqlUnavailable(ctx, () => readRunJobs(ctx, repo, known, size));
    await eachConcurrently(batch, ctx.concurrency, async (run) => {
      // undefined: not read whole by GraphQL; null: gone (GraphQL said so, no REST request needed).
      const fromGraphql = read?.get(run.id);
      const jobs = fromGraphql !== undefined ? fromGraphql : await readJobsWithRest(ctx, repo, run.id);
      await ctx.db.transaction(async (tx) => {
        // The run was deleted (its logs and jobs with it): a tombstone.
        if (jobs === null) await markDeleted(tx, workflowRuns, [run.id], new Date());
        await applyWorkflowJobRows(tx, jobs ?? []);
        await tx
          .update(workflowRuns)
          .set({ jobsSyncedFor: run.updatedAt })
          .where(eq(workflowRuns.id, run.id));
      });
      task.advance(1);
    });
  }
  task.finish();
}

/** One run's latest jobs, a request per page; null when the run is gone. */
async function readJobsWithRest(ctx: SyncContext, repo: RepositoryRef, runId: number): Promise<RunJobs> {
  const jobs: GitHubWorkflowJob[] = [];
  let url: string | undefined =
    `/repos/${repo.fullName}/actions/runs/${runId}/jobs?filter=latest&per_page=100`;
  while (url) {
    const page: GitHubPage<GitHubWorkflowJobList> | undefined = await unlessGone(
      ctx.client.get<GitHubWorkflowJobList>(url),
    );
    if (!page) return null;
    jobs.push(...(page.data?.jobs ?? []));
    url = page.next;
  }
  return jobs.map((job) => normalizeWorkflowJob(repo.id, job));
}
