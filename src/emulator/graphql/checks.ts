/**
 * Workflow runs, check suites and check runs as GraphQL objects of GitHub's schema, over the
 * records the REST routes serve (routes-actions.ts, routes-checks.ts): a run's check suite is
 * `checkSuiteId`, its check runs are the run's jobs (same ids), a commit's suites are the runs of
 * its sha. Statuses and conclusions in capitals, as GraphQL's enums spell them; `url` the REST
 * object's `html_url`.
 */
import { nodeId } from "../ids.js";
import { repoHtmlUrl } from "../render-context.js";
import { jobHtmlUrl } from "../render-actions.js";
import { iso } from "../time.js";
import type { JobRecord, RepoRecord, WorkflowRunRecord } from "../world-types.js";
import { connection, type PageArgs } from "./connection.js";
import type { Scope } from "./objects.js";

type GraphqlObject = Record<string, unknown> & { __typename: string };

/** The Actions app, as REST's `actionsApp` names it. */
const ACTIONS_APP: GraphqlObject = {
  __typename: "App",
  id: nodeId("Integration", 15368),
  databaseId: 15368,
  slug: "github-actions",
  name: "GitHub Actions",
};

const upper = (value: string | null) => (value === null ? null : value.toUpperCase());

interface CheckRunArgs extends PageArgs {
  filterBy?: { checkType?: string | null; checkName?: string | null } | null;
}

/** `url` and `resourcePath` of a page: the REST object's `html_url`, and its path. */
function pageOf(url: string): { url: string; resourcePath: string } {
  return { url, resourcePath: new URL(url).pathname + new URL(url).search };
}

function checkRun(scope: Scope, repo: RepoRecord, run: WorkflowRunRecord, job: JobRecord): GraphqlObject {
  return {
    __typename: "CheckRun",
    id: nodeId("CheckRun", job.id),
    // A 32-bit Int: past 2^31 (GitHub's ids are) the field answers an error, as on GitHub.
    databaseId: job.id,
    ...pageOf(jobHtmlUrl(scope.ctx, repo, run.id, job.id)),
    name: job.name,
    status: upper(job.status),
    conclusion: upper(job.conclusion),
    startedAt: iso(job.startedAt),
    completedAt: job.completedAt === null ? null : iso(job.completedAt),
  };
}

/** `checkType: LATEST` (GitHub's default) keeps the latest attempt's runs; `ALL` every attempt's. */
function checkRuns(scope: Scope, repo: RepoRecord, run: WorkflowRunRecord) {
  return (args: CheckRunArgs) => {
    const all = args.filterBy?.checkType === "ALL";
    const name = args.filterBy?.checkName;
    const jobs = run.jobs
      .filter((job) => (all || job.runAttempt === run.runAttempt) && (!name || job.name === name))
      .sort((a, b) => b.id - a.id);
    return connection(jobs, args, (job) => checkRun(scope, repo, run, job));
  };
}

export function checkSuite(scope: Scope, repo: RepoRecord, run: WorkflowRunRecord): GraphqlObject {
  return {
    __typename: "CheckSuite",
    id: nodeId("CheckSuite", run.checkSuiteId),
    databaseId: run.checkSuiteId,
    ...pageOf(
      `${repoHtmlUrl(scope.ctx, repo)}/commit/${run.headSha}/checks?check_suite_id=${run.checkSuiteId}`,
    ),
    status: upper(run.status),
    conclusion: upper(run.conclusion),
    createdAt: iso(run.createdAt),
    updatedAt: iso(run.updatedAt),
    app: ACTIONS_APP,
    branch: { __typename: "Ref", name: run.headBranch },
    checkRuns: checkRuns(scope, repo, run),
    workflowRun: () => workflowRun(scope, repo, run),
  };
}

export function workflowRun(scope: Scope, repo: RepoRecord, run: WorkflowRunRecord): GraphqlObject {
  return {
    __typename: "WorkflowRun",
    id: nodeId("WorkflowRun", run.id),
    databaseId: run.id,
    ...pageOf(`${repoHtmlUrl(scope.ctx, repo)}/actions/runs/${run.id}`),
    runNumber: run.runNumber,
    event: run.event,
    createdAt: iso(run.createdAt),
    updatedAt: iso(run.updatedAt),
    checkSuite: checkSuite(scope, repo, run),
  };
}

/** `Commit.checkSuites`: the suites of the runs of its sha, in the REST list's order. */
export function commitCheckSuites(scope: Scope, repo: RepoRecord, sha: string) {
  return (args: PageArgs) =>
    connection(
      repo.runs.filter((run) => run.headSha === sha),
      args,
      (run) => checkSuite(scope, repo, run),
    );
}
