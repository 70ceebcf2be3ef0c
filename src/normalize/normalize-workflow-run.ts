/**
 * Actions workflow runs and their jobs. A re-run keeps the run's id and raises `run_attempt`; the
 * row holds the latest attempt (freshness on `updated_at`). A job row is one attempt's job: its id
 * is new at every attempt, so the jobs of earlier attempts stay as they were (workflow_jobs keeps
 * every attempt it saw; `run_attempt` tells them apart).
 */
import { toId, toOptionalId } from "./ids.js";
import type { workflowJobs, workflowRuns } from "../store/schema.js";
import { cleanText, requireDate, toDate } from "./dates.js";
import type { GitHubWorkflowJob, GitHubWorkflowRun } from "./github-delivery-types.js";

export type WorkflowRunRow = typeof workflowRuns.$inferInsert;
export type WorkflowJobRow = typeof workflowJobs.$inferInsert;

export function normalizeWorkflowRun(repositoryId: number, run: GitHubWorkflowRun): WorkflowRunRow {
  // Webhook payloads leave out `path` and `actor`: those columns are left as stored, not wiped.
  const partial = run as Partial<GitHubWorkflowRun>;
  return {
    id: toId(run.id),
    nodeId: run.node_id,
    repositoryId,
    workflowId: toId(run.workflow_id),
    workflowName: cleanText(run.name),
    ...(partial.path === undefined ? {} : { workflowPath: partial.path }),
    runNumber: run.run_number,
    runAttempt: run.run_attempt ?? 1,
    event: run.event,
    headBranch: run.head_branch ?? null,
    headSha: run.head_sha,
    status: run.status ?? null,
    conclusion: run.conclusion ?? null,
    ...(partial.actor === undefined
      ? {}
      : { actorId: toOptionalId(partial.actor?.id), actorLogin: partial.actor?.login ?? null }),
    // Runs of a fork's pull request list that repository's numbers too: only this repository's.
    pullNumbers: (run.pull_requests ?? [])
      .filter((pull) => pull.base?.repo?.id === undefined || toId(pull.base.repo.id) === repositoryId)
      .map((pull) => pull.number),
    checkSuiteId: toOptionalId(run.check_suite_id),
    createdAt: requireDate(run.created_at, "workflow run created_at"),
    runStartedAt: toDate(run.run_started_at),
    updatedAt: requireDate(run.updated_at, "workflow run updated_at"),
    deletedAt: null,
  };
}

export function normalizeWorkflowJob(repositoryId: number, job: GitHubWorkflowJob): WorkflowJobRow {
  return {
    id: toId(job.id),
    runId: toId(job.run_id),
    repositoryId,
    runAttempt: job.run_attempt ?? 1,
    name: cleanText(job.name) ?? "",
    status: job.status ?? null,
    conclusion: job.conclusion ?? null,
    startedAt: toDate(job.started_at),
    completedAt: toDate(job.completed_at),
    deletedAt: null,
  };
}
