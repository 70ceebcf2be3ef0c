/**
 * Golden tests of every normalizer: GitHub's published examples in
 * (test/fixtures/normalize/<case>.input.json, taken by scripts/extract-normalize-inputs.mjs from
 * the OpenAPI description's REST examples and @octokit/webhooks-examples), the expected rows out
 * (<case>.rows.json, each field checked by hand against the input: ids, logins, instants, nulls).
 *
 * Regenerating: `UPDATE_GOLDEN=1 npx vitest run test/unit/normalize-golden.test.ts` rewrites the
 * rows files from what the code outputs now. Do it only for a deliberate change, and review the
 * diff field by field against the input: a rows file that merely records the output tests nothing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type {
  GitHubAccount,
  GitHubCommit,
  GitHubContributor,
  GitHubIssue,
  GitHubIssueComment,
  GitHubPullRequest,
  GitHubRepository,
  GitHubReview,
} from "../../src/normalize/github-types.js";
import { collectAccounts } from "../../src/normalize/normalize-account.js";
import { normalizeComment } from "../../src/normalize/normalize-comment.js";
import { normalizeCommit } from "../../src/normalize/normalize-commit.js";
import { normalizeContributor } from "../../src/normalize/normalize-contributor.js";
import { isPullRequest, normalizeIssue } from "../../src/normalize/normalize-issue.js";
import {
  firstCommitAt,
  firstReadyForReviewAt,
  type GitHubTimelineEvent,
} from "../../src/normalize/normalize-pull-details.js";
import { normalizePullRequest } from "../../src/normalize/normalize-pull-request.js";
import { normalizePushCommit, type PushCommit } from "../../src/normalize/normalize-push-commit.js";
import { normalizeRepository } from "../../src/normalize/normalize-repository.js";
import { normalizeReview } from "../../src/normalize/normalize-review.js";
import type {
  GitHubCheckRun,
  GitHubCheckRunList,
  GitHubCheckSuiteList,
  GitHubDeployment,
  GitHubDeploymentStatus,
  GitHubRelease,
  GitHubWorkflowJob,
  GitHubWorkflowJobList,
  GitHubWorkflowRun,
  GitHubWorkflowRunList,
} from "../../src/normalize/github-delivery-types.js";
import { normalizeCheckRun, normalizeCheckSuite } from "../../src/normalize/normalize-check.js";
import { normalizeDeployment, normalizeDeploymentStatus } from "../../src/normalize/normalize-deployment.js";
import { normalizeRelease } from "../../src/normalize/normalize-release.js";
import { normalizeWorkflowJob, normalizeWorkflowRun } from "../../src/normalize/normalize-workflow-run.js";
import type { GitHubReviewComment, GitHubTeam } from "../../src/normalize/github-delivery-types.js";
import { normalizeReviewComment } from "../../src/normalize/normalize-review-comment.js";
import { normalizeTeam } from "../../src/normalize/normalize-team.js";
import { normalizeTimelineEvents } from "../../src/normalize/normalize-pull-event.js";

/** The repositories (and pull requests) the examples belong to: octocat/Hello-World in GitHub's
 * REST examples, Codertocat/Hello-World in its webhook examples. */
const REST_REPOSITORY = 1296269;
const REST_PULL_REQUEST = 1;
const WEBHOOK_REPOSITORY = 186853002;
const WEBHOOK_PULL_REQUEST = 279147437;

/** Each case: its input → rows, the way src/mirror and src/webhooks call the normalizer. */
const CASES: Record<string, (input: unknown) => unknown> = {
  account: (user) => collectAccounts([user as GitHubAccount]),
  repository: (repo) => [normalizeRepository(repo as GitHubRepository)],
  "repository-list": (repos) => (repos as GitHubRepository[]).map(normalizeRepository),
  "repository-push-webhook": (repo) => [normalizeRepository(repo as GitHubRepository)],
  "commit-list": (list) => (list as GitHubCommit[]).map((c) => normalizeCommit(REST_REPOSITORY, c)),
  commit: (commit) => [normalizeCommit(REST_REPOSITORY, commit as GitHubCommit)],
  "pull-request-list": (list) =>
    (list as GitHubPullRequest[]).map((pr) => normalizePullRequest(REST_REPOSITORY, pr)),
  "pull-request": (pr) => [normalizePullRequest(REST_REPOSITORY, pr as GitHubPullRequest)],
  "pull-request-webhook-closed": (pr) => [normalizePullRequest(WEBHOOK_REPOSITORY, pr as GitHubPullRequest)],
  "review-list": (list) =>
    (list as GitHubReview[]).map((r) => normalizeReview(REST_REPOSITORY, REST_PULL_REQUEST, r)),
  "review-webhook-submitted": (review) => [
    normalizeReview(WEBHOOK_REPOSITORY, WEBHOOK_PULL_REQUEST, review as GitHubReview),
  ],
  "issue-list": (list) =>
    (list as GitHubIssue[])
      .filter((issue) => !isPullRequest(issue))
      .map((issue) => normalizeIssue(REST_REPOSITORY, issue)),
  "issue-webhook-opened": (issue) => [normalizeIssue(WEBHOOK_REPOSITORY, issue as GitHubIssue)],
  "issue-webhook-pinned": (issue) => [normalizeIssue(WEBHOOK_REPOSITORY, issue as GitHubIssue)],
  "comment-list": (list) =>
    (list as GitHubIssueComment[]).map((comment) => normalizeComment(REST_REPOSITORY, comment)),
  "contributor-list": (list) =>
    (list as GitHubContributor[]).map((contributor) => normalizeContributor(REST_REPOSITORY, contributor)),
  "push-commits": (commits) =>
    (commits as PushCommit[]).map((commit) => normalizePushCommit(WEBHOOK_REPOSITORY, commit)),
  "pull-details-commits": (commits) => ({ firstCommitAt: firstCommitAt(commits as GitHubCommit[]) }),
  "pull-details-timeline": (events) => ({
    readyForReviewAt: firstReadyForReviewAt(events as GitHubTimelineEvent[]),
  }),
  "workflow-run-list": (list) =>
    (list as GitHubWorkflowRunList).workflow_runs.map((run) => normalizeWorkflowRun(REST_REPOSITORY, run)),
  "workflow-run-webhook-completed": (run) => [
    normalizeWorkflowRun(WEBHOOK_REPOSITORY, run as GitHubWorkflowRun),
  ],
  "workflow-job-list": (list) =>
    (list as GitHubWorkflowJobList).jobs.map((job) => normalizeWorkflowJob(REST_REPOSITORY, job)),
  "workflow-job-webhook-completed": (job) => [
    normalizeWorkflowJob(WEBHOOK_REPOSITORY, job as GitHubWorkflowJob),
  ],
  "check-suite-list": (list) =>
    (list as GitHubCheckSuiteList).check_suites.map((suite) => normalizeCheckSuite(REST_REPOSITORY, suite)),
  "check-run-list": (list) =>
    (list as GitHubCheckRunList).check_runs.map((run) => normalizeCheckRun(REST_REPOSITORY, run)),
  "check-run-webhook-created": (run) => [normalizeCheckRun(WEBHOOK_REPOSITORY, run as GitHubCheckRun)],
  "deployment-list": (list) =>
    (list as GitHubDeployment[]).map((deployment) => normalizeDeployment(REST_REPOSITORY, deployment)),
  "deployment-webhook-created": (deployment) => [
    normalizeDeployment(WEBHOOK_REPOSITORY, deployment as GitHubDeployment),
  ],
  "deployment-status-list": (list) =>
    (list as GitHubDeploymentStatus[]).map((status) =>
      normalizeDeploymentStatus(REST_REPOSITORY, 42, status),
    ),
  "deployment-status-webhook-created": (status) => [
    normalizeDeploymentStatus(WEBHOOK_REPOSITORY, 145988746, status as GitHubDeploymentStatus),
  ],
  "release-list": (list) =>
    (list as GitHubRelease[]).map((release) => normalizeRelease(REST_REPOSITORY, release)),
  "release-webhook-published": (release) => [normalizeRelease(WEBHOOK_REPOSITORY, release as GitHubRelease)],
  "pull-events-timeline": (events) =>
    normalizeTimelineEvents(REST_REPOSITORY, REST_PULL_REQUEST, events as GitHubTimelineEvent[]),
  "review-comment-webhook-legacy": (comment) => [
    normalizeReviewComment(WEBHOOK_REPOSITORY, comment as GitHubReviewComment),
  ],
  "review-comment-webhook-created": (comment) => [
    normalizeReviewComment(WEBHOOK_REPOSITORY, comment as GitHubReviewComment),
  ],
  // The organization comes from the team's html_url, not the fallback given.
  "team-webhook-created": (team) => [normalizeTeam("fallback-org", team as GitHubTeam)],
};

const fixture = (name: string) => new URL(`../fixtures/normalize/${name}`, import.meta.url);

/** Rows hold Dates; JSON holds ISO strings: the `…At` columns are read back as Dates to compare. */
const reviveDates = (key: string, value: unknown) =>
  key.endsWith("At") && typeof value === "string" ? new Date(value) : value;

describe("normalizers on GitHub's published examples (golden rows)", () => {
  it.each(Object.keys(CASES))("%s", (name) => {
    const rows = CASES[name]!(JSON.parse(readFileSync(fixture(`${name}.input.json`), "utf8")));
    const expectedFile = fixture(`${name}.rows.json`);
    if (process.env.UPDATE_GOLDEN === "1") {
      writeFileSync(expectedFile, `${JSON.stringify(rows, null, 2)}\n`);
    }
    const expected: unknown = JSON.parse(readFileSync(expectedFile, "utf8"), reviveDates);
    expect(rows).toStrictEqual(expected);
  });
});
