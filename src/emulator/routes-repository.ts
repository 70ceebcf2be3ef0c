/**
 * Repository-scoped routes, reachable as /repos/{owner}/{repo}/… and /repositories/{id}/….
 * An old name of a renamed or transferred repository answers 301 to /repositories/{id}/… (query
 * kept), a deleted one 404, and a private one 404 without a token — all as on GitHub. So is one
 * outside the installation of an installation token.
 */
import type { ApiRequest, ApiResponse, RepoRequest } from "./api-types.js";
import type { Route } from "./router.js";
import type { RepoRecord } from "./world-types.js";
import { movedPermanently, notFound, ok } from "./api-types.js";
import { match, route } from "./router.js";
import { getCommit, listCommits } from "./routes-commits.js";
import { compareCommits } from "./routes-compare.js";
import {
  getComment,
  getIssue,
  listIssueComments,
  listIssues,
  listRepoComments,
  listTimeline,
} from "./routes-issues.js";
import { getPull, listPullCommits, listPulls, listReviews } from "./routes-pulls.js";
import {
  getJob,
  getRun,
  getRunAttempt,
  getWorkflow,
  listAttemptJobs,
  listRunJobs,
  listRuns,
  listWorkflowRuns,
  listWorkflows,
} from "./routes-actions.js";
import { getCheckRun, getSuite, listRunsForRef, listRunsInSuite, listSuitesForRef } from "./routes-checks.js";
import {
  getDeployment,
  getDeploymentStatus,
  listDeployments,
  listDeploymentStatuses,
  listEnvironments,
} from "./routes-deployments.js";
import { getLatestRelease, getRelease, getReleaseByTag, listReleases, listTags } from "./routes-releases.js";
import {
  getReviewComment,
  listPullReviewComments,
  listRepoReviewComments,
} from "./routes-review-comments.js";
import { paginate } from "./paginate.js";
import { fullRepository } from "./render-repository.js";
import { contributor } from "./render-user.js";
import { lookupRepo, repoById } from "./world-queries.js";
import { servedContributions } from "./contributors-list.js";

const REPO_DOCS = "https://docs.github.com/rest/repos/repos#get-a-repository";

type RepoHandler = (req: RepoRequest) => ApiResponse;

const ROUTES: readonly Route<RepoHandler>[] = [
  route("/", (req) => ok(fullRepository(req.ctx, req.repo))),
  route("/commits", listCommits),
  route("/commits/:ref", getCommit),
  route("/compare/:basehead", compareCommits),
  route("/commits/:ref/check-suites", listSuitesForRef),
  route("/commits/:ref/check-runs", listRunsForRef),
  route("/pulls", listPulls),
  route("/pulls/comments", listRepoReviewComments),
  route("/pulls/comments/:id", getReviewComment),
  route("/pulls/:number", getPull),
  route("/pulls/:number/comments", listPullReviewComments),
  route("/pulls/:number/reviews", listReviews),
  route("/pulls/:number/commits", listPullCommits),
  route("/issues", listIssues),
  route("/issues/comments", listRepoComments),
  route("/issues/comments/:id", getComment),
  route("/issues/:number", getIssue),
  route("/issues/:number/comments", listIssueComments),
  route("/issues/:number/timeline", listTimeline),
  route("/contributors", listContributors),
  route("/actions/workflows", listWorkflows),
  route("/actions/workflows/:workflow", getWorkflow),
  route("/actions/workflows/:workflow/runs", listWorkflowRuns),
  route("/actions/runs", listRuns),
  route("/actions/runs/:run", getRun),
  route("/actions/runs/:run/jobs", listRunJobs),
  route("/actions/runs/:run/attempts/:attempt", getRunAttempt),
  route("/actions/runs/:run/attempts/:attempt/jobs", listAttemptJobs),
  route("/actions/jobs/:job", getJob),
  route("/check-suites/:suite", getSuite),
  route("/check-suites/:suite/check-runs", listRunsInSuite),
  route("/check-runs/:check", getCheckRun),
  route("/deployments", listDeployments),
  route("/deployments/:deployment", getDeployment),
  route("/deployments/:deployment/statuses", listDeploymentStatuses),
  route("/deployments/:deployment/statuses/:status", getDeploymentStatus),
  route("/environments", listEnvironments),
  route("/releases", listReleases),
  route("/releases/latest", getLatestRelease),
  route("/releases/tags/:tag", getReleaseByTag),
  route("/releases/:release", getRelease),
  route("/tags", listTags),
];

function listContributors(req: RepoRequest): ApiResponse {
  const anon = ["1", "true"].includes(req.query.get("anon") ?? "");
  const entries = servedContributions(req.ctx.world, req.repo).filter(
    (entry) => anon || entry.account !== null,
  );
  if (req.repo.branch.length === 0) return { status: 204, body: null };
  const page = paginate(entries, req.query, req.linkBase);
  return ok(
    page.items.map((entry) => contributor(req.ctx, entry)),
    page.link,
  );
}

/** Dispatches /repos/{owner}/{repo}{rest} and /repositories/{id}{rest}; null if neither. */
export function handleRepoPath(req: ApiRequest, path: string): ApiResponse | null {
  const byName = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
  const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(path);
  if (!byName && !byId) return null;
  let repo: RepoRecord | undefined;
  let rest: string;
  if (byName) {
    rest = byName[3] ?? "";
    const found = lookupRepo(req.ctx.world, decode(byName[1]), decode(byName[2]));
    if (found.kind === "moved")
      return req.canSee && !req.canSee(found.repo) ? notFound(REPO_DOCS) : moved(req, found.repo, rest);
    repo = found.kind === "found" ? found.repo : undefined;
  } else {
    rest = byId?.[2] ?? "";
    repo = repoById(req.ctx.world, Number(byId?.[1]));
  }
  if (!repo || (repo.private && !req.ctx.viewer) || (req.canSee && !req.canSee(repo)))
    return notFound(REPO_DOCS);
  const found = match(ROUTES, rest === "" ? "/" : rest);
  if (!found) return notFound();
  return found.handler({
    ...req,
    repo,
    rest,
    params: found.params,
    linkBase: `${req.ctx.base}/repositories/${repo.id}${rest}`,
  });
}

function decode(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? "");
  } catch {
    return "";
  }
}

function moved(req: ApiRequest, repo: RepoRecord, rest: string): ApiResponse {
  const location = `${req.ctx.base}/repositories/${repo.id}${rest}${req.url.search}`;
  return movedPermanently(location);
}
