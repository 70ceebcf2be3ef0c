/**
 * Actions and checks in GitHub's shapes: `workflow`, `workflow-run` (also as one of its earlier
 * attempts), `job`, `check-suite` (one per run) and `check-run` (a job: same id, as on GitHub).
 */
import type { Account, JobRecord, RepoRecord, WorkflowRecord, WorkflowRunRecord } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { memo, repoApiUrl, repoHtmlUrl } from "./render-context.js";
import { minimalRepository } from "./render-repository.js";
import { simpleUser } from "./render-user.js";
import { commitLookup, threadOf } from "./world-queries.js";
import { derivedSha, nodeId } from "./ids.js";
import { iso } from "./time.js";

type Json = Record<string, unknown>;

/** The GitHub organization, owner of the github-actions App. */
const GITHUB_ORG: Account = {
  id: 9919,
  login: "github",
  type: "Organization",
  name: "GitHub",
  email: null,
  company: null,
  location: "San Francisco, CA",
  bio: "How people build software.",
  createdAt: Date.parse("2008-05-11T04:37:31Z") / 1000,
  member: false,
};

/** integration: the github-actions App (its real id), creator of Actions' checks and deployments. */
export function actionsApp(ctx: RenderContext): Json {
  return memo(ctx, "actions-app", () => ({
    id: 15368,
    slug: "github-actions",
    client_id: "Iv1.05c79e9ad1f6bdfa",
    node_id: nodeId("Integration", 15368),
    owner: simpleUser(ctx, GITHUB_ORG),
    name: "GitHub Actions",
    description: "Automate your workflow from idea to production",
    external_url: "https://help.github.com/en/actions",
    html_url: `${ctx.base}/apps/github-actions`,
    created_at: "2018-07-30T09:30:17Z",
    updated_at: "2019-12-10T19:04:12Z",
    permissions: {
      actions: "write",
      checks: "write",
      contents: "write",
      deployments: "write",
      issues: "write",
      metadata: "read",
      pull_requests: "write",
      statuses: "write",
    },
    events: ["check_run", "check_suite", "pull_request", "push", "release", "workflow_dispatch"],
  }));
}

export function renderWorkflow(ctx: RenderContext, repo: RepoRecord, workflow: WorkflowRecord): Json {
  const html = repoHtmlUrl(ctx, repo);
  return {
    id: workflow.id,
    node_id: nodeId("Workflow", workflow.id),
    name: workflow.name,
    path: workflow.path,
    state: "active",
    created_at: iso(workflow.createdAt),
    updated_at: iso(workflow.updatedAt),
    url: `${repoApiUrl(ctx, repo)}/actions/workflows/${workflow.id}`,
    html_url: `${html}/blob/${repo.defaultBranch}/${workflow.path}`,
    badge_url: `${html}/workflows/${encodeURIComponent(workflow.name)}/badge.svg`,
  };
}

/** pull-request-minimal of a `pull_request` run (empty for other events, as GitHub lists them). */
function pullRequests(ctx: RenderContext, repo: RepoRecord, run: WorkflowRunRecord): Json[] {
  const thread = run.pull === null ? undefined : threadOf(repo, run.pull);
  if (!thread?.pull || thread.state !== "open") return [];
  const api = repoApiUrl(ctx, repo);
  const repoRef = { id: repo.id, url: api, name: repo.name };
  return [
    {
      id: thread.pull.id,
      number: thread.number,
      url: `${api}/pulls/${thread.number}`,
      head: { ref: thread.pull.headRef, sha: thread.pull.headSha, repo: repoRef },
      base: { ref: repo.defaultBranch, sha: thread.pull.baseSha, repo: repoRef },
    },
  ];
}

/** simple-commit of a run's head (a placeholder with no people if the sha is not served). */
function headCommit(ctx: RenderContext, repo: RepoRecord, sha: string, at: number): Json {
  const lookup = memo(ctx, `commit-lookup:${repo.id}:${repo.branchVersion}`, () =>
    commitLookup(ctx.world, repo),
  );
  const commit = lookup(sha);
  if (!commit)
    return {
      id: sha,
      tree_id: derivedSha("tree", sha),
      message: "",
      timestamp: iso(at),
      author: null,
      committer: null,
    };
  return {
    id: commit.sha,
    tree_id: derivedSha("tree", commit.sha),
    message: commit.message,
    timestamp: iso(commit.committedAt),
    author: { name: commit.author.name, email: commit.author.email },
    committer: { name: commit.committer.name, email: commit.committer.email },
  };
}

/** The run as its attempt `attempt` ended (the latest by default). */
function attemptView(run: WorkflowRunRecord, attempt: number) {
  const earlier = run.earlierAttempts.find((a) => a.attempt === attempt);
  if (!earlier || attempt >= run.runAttempt)
    return {
      attempt: run.runAttempt,
      status: run.status,
      conclusion: run.conclusion,
      startedAt: run.runStartedAt,
      updatedAt: run.updatedAt,
    };
  return {
    attempt,
    status: "completed" as const,
    conclusion: earlier.conclusion,
    startedAt: earlier.runStartedAt,
    updatedAt: earlier.updatedAt,
  };
}

export function renderRun(
  ctx: RenderContext,
  repo: RepoRecord,
  run: WorkflowRunRecord,
  attempt = run.runAttempt,
): Json {
  const api = repoApiUrl(ctx, repo);
  const url = `${api}/actions/runs/${run.id}`;
  const view = attemptView(run, attempt);
  const repository = memo(ctx, `minimal:${repo.id}`, () => minimalRepository(ctx, repo));
  return {
    id: run.id,
    name: run.workflow.name,
    node_id: nodeId("WorkflowRun", run.id),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.workflow.path,
    display_title: run.displayTitle,
    run_number: run.runNumber,
    event: run.event,
    status: view.status,
    conclusion: view.conclusion,
    workflow_id: run.workflow.id,
    check_suite_id: run.checkSuiteId,
    check_suite_node_id: nodeId("CheckSuite", run.checkSuiteId),
    url,
    html_url: `${repoHtmlUrl(ctx, repo)}/actions/runs/${run.id}`,
    pull_requests: pullRequests(ctx, repo, run),
    created_at: iso(run.createdAt),
    updated_at: iso(view.updatedAt),
    actor: simpleUser(ctx, run.actor),
    run_attempt: view.attempt,
    referenced_workflows: [],
    run_started_at: iso(view.startedAt),
    triggering_actor: simpleUser(ctx, run.triggeringActor),
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${api}/check-suites/${run.checkSuiteId}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: view.attempt > 1 ? `${url}/attempts/${view.attempt - 1}` : null,
    workflow_url: `${api}/actions/workflows/${run.workflow.id}`,
    head_commit: headCommit(ctx, repo, run.headSha, run.createdAt),
    repository,
    head_repository: repository,
  };
}

/** A job's steps: set up, checkout, its command, complete — spread over the job's time. */
function steps(job: JobRecord): Json[] {
  const names = ["Set up job", "Run actions/checkout@v4", `Run npm run ${job.name}`, "Complete job"];
  const end = job.completedAt ?? job.startedAt;
  const slice = Math.max(1, Math.floor((end - job.startedAt) / names.length));
  return names.map((name, index) => {
    const startedAt = job.startedAt + index * slice;
    const done = job.completedAt !== null;
    const failed = job.conclusion === "failure" && index === 2;
    return {
      name,
      status: done ? "completed" : index === 0 ? "in_progress" : "queued",
      conclusion: done
        ? failed
          ? "failure"
          : job.conclusion === "failure" && index === 3
            ? "success"
            : job.conclusion
        : null,
      number: index + 1,
      started_at: done || index === 0 ? iso(startedAt) : null,
      completed_at: done ? iso(index === names.length - 1 ? end : startedAt + slice) : null,
    };
  });
}

export function jobHtmlUrl(ctx: RenderContext, repo: RepoRecord, runId: number, jobId: number): string {
  return `${repoHtmlUrl(ctx, repo)}/actions/runs/${runId}/job/${jobId}`;
}

export function renderJob(
  ctx: RenderContext,
  repo: RepoRecord,
  run: WorkflowRunRecord,
  job: JobRecord,
): Json {
  const api = repoApiUrl(ctx, repo);
  const started = job.status !== "queued";
  return {
    id: job.id,
    run_id: run.id,
    run_url: `${api}/actions/runs/${run.id}`,
    run_attempt: job.runAttempt,
    node_id: nodeId("CheckRun", job.id),
    head_sha: run.headSha,
    url: `${api}/actions/jobs/${job.id}`,
    html_url: jobHtmlUrl(ctx, repo, run.id, job.id),
    status: job.status,
    conclusion: job.conclusion,
    created_at: iso(job.createdAt),
    started_at: iso(job.startedAt),
    completed_at: job.completedAt === null ? null : iso(job.completedAt),
    name: job.name,
    steps: steps(job),
    check_run_url: `${api}/check-runs/${job.id}`,
    labels: ["ubuntu-latest"],
    runner_id: started ? 1 + (job.id % 1000) : null,
    runner_name: started ? `GitHub Actions ${1 + (job.id % 1000)}` : null,
    runner_group_id: started ? 2 : null,
    runner_group_name: started ? "GitHub Actions" : null,
    workflow_name: run.workflow.name,
    head_branch: run.headBranch,
  };
}

/** check-suite: the run's suite (latest attempt's status), its check runs being the run's jobs. */
export function renderCheckSuite(ctx: RenderContext, repo: RepoRecord, run: WorkflowRunRecord): Json {
  const api = repoApiUrl(ctx, repo);
  return {
    id: run.checkSuiteId,
    node_id: nodeId("CheckSuite", run.checkSuiteId),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    status: run.status,
    conclusion: run.conclusion,
    url: `${api}/check-suites/${run.checkSuiteId}`,
    before: null,
    after: run.headSha,
    pull_requests: pullRequests(ctx, repo, run),
    app: actionsApp(ctx),
    repository: memo(ctx, `minimal:${repo.id}`, () => minimalRepository(ctx, repo)),
    created_at: iso(run.createdAt),
    updated_at: iso(run.updatedAt),
    head_commit: headCommit(ctx, repo, run.headSha, run.createdAt),
    latest_check_runs_count: run.jobs.filter((job) => job.runAttempt === run.runAttempt).length,
    check_runs_url: `${api}/check-suites/${run.checkSuiteId}/check-runs`,
    rerequestable: true,
    runs_rerequestable: true,
  };
}

/** check-run: a job seen through the Checks API. */
export function renderCheckRun(
  ctx: RenderContext,
  repo: RepoRecord,
  run: WorkflowRunRecord,
  job: JobRecord,
): Json {
  const api = repoApiUrl(ctx, repo);
  const html = jobHtmlUrl(ctx, repo, run.id, job.id);
  return {
    id: job.id,
    head_sha: run.headSha,
    node_id: nodeId("CheckRun", job.id),
    external_id: derivedSha("check-run", job.id).slice(0, 32),
    url: `${api}/check-runs/${job.id}`,
    html_url: html,
    details_url: html,
    status: job.status,
    conclusion: job.conclusion,
    started_at: iso(job.startedAt),
    completed_at: job.completedAt === null ? null : iso(job.completedAt),
    output: {
      title: null,
      summary: null,
      text: null,
      annotations_count: 0,
      annotations_url: `${api}/check-runs/${job.id}/annotations`,
    },
    name: job.name,
    check_suite: { id: run.checkSuiteId },
    app: actionsApp(ctx),
    pull_requests: pullRequests(ctx, repo, run),
  };
}
