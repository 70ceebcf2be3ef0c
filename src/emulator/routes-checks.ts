/**
 * Checks, as GitHub Actions fills them: one check suite per workflow run, whose check runs are the
 * run's jobs (a job's id is its check run id). GET /commits/{ref}/check-suites and
 * /commits/{ref}/check-runs (a sha, a prefix or a branch name; `check_name`, `status`,
 * `filter=latest|all`), /check-suites/{id}, /check-suites/{id}/check-runs, /check-runs/{id}.
 */
import type { ApiResponse, RepoRequest } from "./api-types.js";
import type { JobRecord, WorkflowRunRecord } from "./world-types.js";
import { errorBody, notFound, ok } from "./api-types.js";
import { paginate } from "./paginate.js";
import { renderCheckRun, renderCheckSuite } from "./render-actions.js";
import { findCommit } from "./world-queries.js";

const DOCS = {
  suitesForRef: "https://docs.github.com/rest/checks/suites#list-check-suites-for-a-git-reference",
  runsForRef: "https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference",
  suite: "https://docs.github.com/rest/checks/suites#get-a-check-suite",
  runsInSuite: "https://docs.github.com/rest/checks/runs#list-check-runs-in-a-check-suite",
  run: "https://docs.github.com/rest/checks/runs#get-a-check-run",
};

/** The runs of the commit a ref names, or the 422 GitHub answers for a ref it cannot resolve. */
function runsForRef(req: RepoRequest, docs: string): WorkflowRunRecord[] | ApiResponse {
  const ref = req.params.ref ?? "";
  const tag = req.repo.releases.find((release) => !release.draft && release.tagName === ref);
  const sha = tag?.sha ?? findCommit(req.ctx.world, req.repo, ref)?.sha;
  if (!sha) return { status: 422, body: errorBody(`No commit found for SHA: ${ref}`, 422, docs) };
  return req.repo.runs.filter((run) => run.headSha === sha);
}

/** Check runs of runs: `filter=latest` (default) keeps each run's latest attempt. */
function checkRuns(req: RepoRequest, runs: readonly WorkflowRunRecord[]): ApiResponse {
  const all = req.query.get("filter") === "all";
  const name = req.query.get("check_name");
  const status = req.query.get("status");
  const pairs: [WorkflowRunRecord, JobRecord][] = runs.flatMap((run) =>
    run.jobs
      .filter(
        (job) =>
          (all || job.runAttempt === run.runAttempt) &&
          (!name || job.name === name) &&
          (!status || job.status === status),
      )
      .map((job): [WorkflowRunRecord, JobRecord] => [run, job]),
  );
  pairs.sort((a, b) => b[1].id - a[1].id);
  const page = paginate(pairs, req.query, req.linkBase);
  return ok(
    {
      total_count: pairs.length,
      check_runs: page.items.map(([run, job]) => renderCheckRun(req.ctx, req.repo, run, job)),
    },
    page.link,
  );
}

export function listSuitesForRef(req: RepoRequest): ApiResponse {
  const runs = runsForRef(req, DOCS.suitesForRef);
  if (!Array.isArray(runs)) return runs;
  const name = req.query.get("check_name");
  const app = req.query.get("app_id");
  const suites = runs.filter(
    (run) => (!app || app === "15368") && (!name || run.jobs.some((job) => job.name === name)),
  );
  const page = paginate(suites, req.query, req.linkBase);
  return ok(
    {
      total_count: suites.length,
      check_suites: page.items.map((run) => renderCheckSuite(req.ctx, req.repo, run)),
    },
    page.link,
  );
}

export function listRunsForRef(req: RepoRequest): ApiResponse {
  const runs = runsForRef(req, DOCS.runsForRef);
  return Array.isArray(runs) ? checkRuns(req, runs) : runs;
}

function suiteOf(req: RepoRequest): WorkflowRunRecord | undefined {
  const id = Number(req.params.suite);
  return req.repo.runs.find((run) => run.checkSuiteId === id);
}

export function getSuite(req: RepoRequest): ApiResponse {
  const run = suiteOf(req);
  return run ? ok(renderCheckSuite(req.ctx, req.repo, run)) : notFound(DOCS.suite);
}

export function listRunsInSuite(req: RepoRequest): ApiResponse {
  const run = suiteOf(req);
  return run ? checkRuns(req, [run]) : notFound(DOCS.runsInSuite);
}

export function getCheckRun(req: RepoRequest): ApiResponse {
  const id = Number(req.params.check);
  for (const run of req.repo.runs) {
    const job = run.jobs.find((candidate) => candidate.id === id);
    if (job) return ok(renderCheckRun(req.ctx, req.repo, run, job));
  }
  return notFound(DOCS.run);
}
