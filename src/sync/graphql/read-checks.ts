/**
 * Reading check runs and workflow jobs with GraphQL, many commits or runs a query
 * (delivery-queries.ts). What one query cannot read whole — a commit with more suites or runs
 * than it asks for or of another app than Actions, a run with more than 100 jobs, a run that moved
 * since it was listed — is answered `undefined`: the caller reads it with REST. Nothing here writes.
 */
import type { GraphqlError } from "../../github/graphql-endpoint.js";
import type { GraphqlCommitChecks, GraphqlWorkflowRunJobs } from "../../normalize/graphql-types.js";
import type { CheckRunRow, CheckSuiteRow } from "../../normalize/normalize-check.js";
import { idAtEndOf } from "../../normalize/ids.js";
import {
  normalizeGraphqlCheckRun,
  normalizeGraphqlCheckSuite,
  normalizeGraphqlJob,
} from "../../normalize/normalize-graphql-check.js";
import type { WorkflowJobRow } from "../../normalize/normalize-workflow-run.js";
import { GhsyncError, isGhsyncError } from "../../util/errors.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import { dataOf, ownerAndName, present, type RepositoryData } from "./answer.js";
import { commitChecks, WORKFLOW_RUN_JOBS } from "./delivery-queries.js";
import type { PageSize } from "./page-size.js";

/** A commit's suites and latest check runs; null: GitHub does not know the commit. */
export type CommitChecks = { suites: CheckSuiteRow[]; runs: CheckRunRow[] } | null;

/** A run's latest jobs; null: the run is gone. */
export type RunJobs = WorkflowJobRow[] | null;

export interface PendingRun {
  id: number;
  nodeId: string;
  runAttempt: number;
  updatedAt: Date;
}

/**
 * With `--api auto` on a server without GraphQL (the client said so once), `undefined`: REST
 * reads it all. Any other failure is the caller's.
 */
export async function unlessGraphqlUnavailable<T>(
  ctx: SyncContext,
  read: () => Promise<T>,
): Promise<T | undefined> {
  if (!ctx.client.usesGraphql) return undefined;
  try {
    return await read();
  } catch (error) {
    if (isGhsyncError(error) && error.code === "graphql_unavailable" && ctx.client.api === "auto")
      return undefined;
    throw error;
  }
}

/**
 * The checks of commits by sha, a batch a query (half the page size: each commit is 11
 * connections). `suiteIds`: the check suite id of each mirrored workflow run, by run id.
 */
export async function readCommitChecks(
  ctx: SyncContext,
  repo: RepositoryRef,
  shas: readonly string[],
  suiteIds: ReadonlyMap<number, number>,
  size: PageSize,
): Promise<Map<string, CommitChecks | undefined>> {
  const found = new Map<string, CommitChecks | undefined>();
  const what = `${repo.fullName}'s check runs`;
  for (let start = 0; start < shas.length;) {
    let batch: readonly string[] = [];
    const answer = await size.run(what, async (first) => {
      batch = shas.slice(start, start + Math.max(1, Math.floor(first / 2)));
      const variables = Object.fromEntries(batch.map((sha, index) => [`c${index}`, sha]));
      return dataOf(
        await ctx.client.graphql<RepositoryData<Record<string, GraphqlCommitChecks | null>>>(
          commitChecks(batch.length),
          { ...ownerAndName(repo), ...variables },
        ),
        what,
      );
    });
    batch.forEach((sha, index) =>
      found.set(sha, commitChecksOf(repo, sha, answer[`c${index}`] ?? null, suiteIds)),
    );
    start += batch.length;
  }
  return found;
}

function commitChecksOf(
  repo: RepositoryRef,
  sha: string,
  commit: GraphqlCommitChecks | null,
  suiteIds: ReadonlyMap<number, number>,
): CommitChecks | undefined {
  if (!commit) return null;
  if (commit.checkSuites.pageInfo.hasNextPage) return undefined;
  const suites: CheckSuiteRow[] = [];
  const runs: CheckRunRow[] = [];
  for (const suite of present(commit.checkSuites.nodes)) {
    if (suite.checkRuns.pageInfo.hasNextPage) return undefined;
    const runId = suite.workflowRun ? idAtEndOf(suite.workflowRun.url) : null;
    const suiteId = runId === null ? undefined : suiteIds.get(runId);
    // A suite of another app than Actions, or of a run not mirrored yet: REST gives its id.
    if (suiteId === undefined) return undefined;
    const row = normalizeGraphqlCheckSuite(repo.id, suiteId, sha, suite);
    suites.push(row);
    for (const run of present(suite.checkRuns.nodes)) {
      const id = idAtEndOf(run.url);
      if (id === null) return undefined;
      runs.push(normalizeGraphqlCheckRun(id, row, run));
    }
  }
  return { suites, runs };
}

/** The latest jobs of workflow runs by node id, up to the page size a query. */
export async function readRunJobs(
  ctx: SyncContext,
  repo: RepositoryRef,
  runs: readonly PendingRun[],
  size: PageSize,
): Promise<Map<number, RunJobs | undefined>> {
  const found = new Map<number, RunJobs | undefined>();
  const what = `${repo.fullName}'s workflow jobs`;
  for (let start = 0; start < runs.length;) {
    let batch: readonly PendingRun[] = [];
    const nodes = await size.run(what, async (first) => {
      batch = runs.slice(start, start + first);
      const result = await ctx.client.graphql<{ nodes: (GraphqlWorkflowRunJobs | null)[] }>(
        WORKFLOW_RUN_JOBS,
        { ids: batch.map((run) => run.nodeId) },
      );
      // An id that resolves to nothing (a run deleted) is null with a NOT_FOUND error; any other
      // error would leave jobs unread.
      const other = result.errors.find((error: GraphqlError) => error.type !== "NOT_FOUND");
      if (other || !result.data)
        throw new GhsyncError(
          "github_error",
          `GitHub could not answer ${what}: ${other?.message ?? "no data"}`,
          {
            status: 502,
            retryable: true,
          },
        );
      return result.data.nodes;
    });
    batch.forEach((run, index) => found.set(run.id, runJobsOf(repo, run, nodes[index] ?? null)));
    start += batch.length;
  }
  return found;
}

function runJobsOf(
  repo: RepositoryRef,
  run: PendingRun,
  node: GraphqlWorkflowRunJobs | null,
): RunJobs | undefined {
  if (!node) return null;
  const checkRuns = node.checkSuite?.checkRuns;
  // A run re-run since it was listed: its jobs are of an attempt whose number the row does not hold yet.
  const moved = Date.parse(node.updatedAt) !== run.updatedAt.getTime();
  if (!checkRuns || checkRuns.pageInfo.hasNextPage || moved) return undefined;
  const jobs: WorkflowJobRow[] = [];
  for (const job of present(checkRuns.nodes)) {
    const id = idAtEndOf(job.url);
    if (id === null) return undefined;
    jobs.push(normalizeGraphqlJob(repo.id, id, run, job));
  }
  return jobs;
}
