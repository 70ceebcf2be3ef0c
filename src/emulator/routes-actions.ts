/**
 * GitHub Actions: GET /actions/workflows[/{id or file name}], /actions/runs (newest first; actor,
 * branch, event, status — a status or a conclusion —, created with the search date syntax,
 * head_sha, check_suite_id), /actions/workflows/{id}/runs, /actions/runs/{id}, its attempts, and
 * jobs (`filter=latest|all`). Lists answer `{total_count, <items>}` with Link headers; like
 * GitHub, a filtered run list serves at most 1,000 runs.
 */
import type { ApiResponse, RepoRequest } from "./api-types.js";
import type { WorkflowRunRecord } from "./world-types.js";
import { invalidField, notFound, ok } from "./api-types.js";
import { paginate } from "./paginate.js";
import { renderJob, renderRun, renderWorkflow } from "./render-actions.js";
import { dateRange } from "./search-query.js";

const DOCS = {
  workflows: "https://docs.github.com/rest/actions/workflows#list-repository-workflows",
  workflow: "https://docs.github.com/rest/actions/workflows#get-a-workflow",
  runs: "https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-repository",
  run: "https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run",
  attempt: "https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run-attempt",
  jobs: "https://docs.github.com/rest/actions/workflow-jobs#list-jobs-for-a-workflow-run",
  job: "https://docs.github.com/rest/actions/workflow-jobs#get-a-job-for-a-workflow-run",
};

/** "Up to 1,000 results for each search when using" these parameters (GitHub's docs). */
const SEARCH_PARAMETERS = ["actor", "branch", "check_suite_id", "created", "event", "head_sha", "status"];
const FILTERED_LIMIT = 1000;

export function listWorkflows(req: RepoRequest): ApiResponse {
  const page = paginate(req.repo.workflows, req.query, req.linkBase);
  return ok(
    {
      total_count: req.repo.workflows.length,
      workflows: page.items.map((workflow) => renderWorkflow(req.ctx, req.repo, workflow)),
    },
    page.link,
  );
}

/** A workflow by id or by file name (`ci.yml`), as GitHub accepts both. */
function workflowOf(req: RepoRequest) {
  const key = req.params.workflow ?? "";
  return req.repo.workflows.find(
    (workflow) => String(workflow.id) === key || workflow.path.split("/").pop() === key,
  );
}

export function getWorkflow(req: RepoRequest): ApiResponse {
  const workflow = workflowOf(req);
  return workflow ? ok(renderWorkflow(req.ctx, req.repo, workflow)) : notFound(DOCS.workflow);
}

type RunTest = (run: WorkflowRunRecord) => boolean;

/** The filters of a run list; null for an invalid `created`. */
function runFilter(query: URLSearchParams): RunTest | null {
  const tests: RunTest[] = [];
  const actor = query.get("actor")?.toLowerCase();
  if (actor) tests.push((run) => run.actor.login.toLowerCase() === actor);
  const branch = query.get("branch");
  if (branch) tests.push((run) => run.headBranch === branch);
  const event = query.get("event");
  if (event) tests.push((run) => run.event === event);
  const status = query.get("status");
  if (status) tests.push((run) => run.status === status || run.conclusion === status);
  const sha = query.get("head_sha");
  if (sha) tests.push((run) => run.headSha === sha);
  const suite = query.get("check_suite_id");
  if (suite) tests.push((run) => String(run.checkSuiteId) === suite);
  const created = query.get("created");
  if (created) {
    const inRange = dateRange(created);
    if (!inRange) return null;
    tests.push((run) => inRange(run.createdAt));
  }
  return (run) => tests.every((test) => test(run));
}

function listRunsOf(req: RepoRequest, runs: readonly WorkflowRunRecord[]): ApiResponse {
  const filter = runFilter(req.query);
  if (!filter) return invalidField("WorkflowRun", "created", DOCS.runs);
  const matching = runs.filter(filter).reverse();
  const searched = SEARCH_PARAMETERS.some((name) => req.query.has(name));
  const served = searched ? matching.slice(0, FILTERED_LIMIT) : matching;
  const page = paginate(served, req.query, req.linkBase);
  return ok(
    {
      total_count: matching.length,
      workflow_runs: page.items.map((run) => renderRun(req.ctx, req.repo, run)),
    },
    page.link,
  );
}

export function listRuns(req: RepoRequest): ApiResponse {
  return listRunsOf(req, req.repo.runs);
}

export function listWorkflowRuns(req: RepoRequest): ApiResponse {
  const workflow = workflowOf(req);
  if (!workflow) return notFound(DOCS.workflow);
  return listRunsOf(
    req,
    req.repo.runs.filter((run) => run.workflow === workflow),
  );
}

function runOf(req: RepoRequest): WorkflowRunRecord | undefined {
  const id = Number(req.params.run);
  return req.repo.runs.find((run) => run.id === id);
}

export function getRun(req: RepoRequest): ApiResponse {
  const run = runOf(req);
  return run ? ok(renderRun(req.ctx, req.repo, run)) : notFound(DOCS.run);
}

function attemptOf(req: RepoRequest): { run: WorkflowRunRecord; attempt: number } | null {
  const run = runOf(req);
  const attempt = Number(req.params.attempt);
  if (!run || !Number.isInteger(attempt) || attempt < 1 || attempt > run.runAttempt) return null;
  return { run, attempt };
}

export function getRunAttempt(req: RepoRequest): ApiResponse {
  const found = attemptOf(req);
  return found ? ok(renderRun(req.ctx, req.repo, found.run, found.attempt)) : notFound(DOCS.attempt);
}

function jobsPage(req: RepoRequest, run: WorkflowRunRecord, attempt: number | null): ApiResponse {
  const jobs = run.jobs.filter((job) => attempt === null || job.runAttempt === attempt);
  const page = paginate(jobs, req.query, req.linkBase);
  return ok(
    { total_count: jobs.length, jobs: page.items.map((job) => renderJob(req.ctx, req.repo, run, job)) },
    page.link,
  );
}

/** `filter=latest` (default): the latest attempt's jobs; `all`: every attempt's. */
export function listRunJobs(req: RepoRequest): ApiResponse {
  const run = runOf(req);
  if (!run) return notFound(DOCS.jobs);
  return jobsPage(req, run, req.query.get("filter") === "all" ? null : run.runAttempt);
}

export function listAttemptJobs(req: RepoRequest): ApiResponse {
  const found = attemptOf(req);
  return found ? jobsPage(req, found.run, found.attempt) : notFound(DOCS.jobs);
}

export function getJob(req: RepoRequest): ApiResponse {
  const id = Number(req.params.job);
  for (const run of req.repo.runs) {
    const job = run.jobs.find((candidate) => candidate.id === id);
    if (job) return ok(renderJob(req.ctx, req.repo, run, job));
  }
  return notFound(DOCS.job);
}
