/**
 * GitHub's response types of the delivery data (Actions, checks, deployments, releases) and of
 * review comments and teams, from its OpenAPI description (never hand-written). Webhook payloads
 * carry the same objects with some optional fields left out; the normalizers absorb that.
 */
import type { components } from "@octokit/openapi-types";

type Schemas = components["schemas"];
export type GitHubWorkflowRun = Schemas["workflow-run"];
/** GET /actions/runs answers an object, not an array. */
export interface GitHubWorkflowRunList {
  total_count: number;
  workflow_runs: GitHubWorkflowRun[];
}
export type GitHubWorkflowJob = Schemas["job"];
export interface GitHubWorkflowJobList {
  total_count: number;
  jobs: GitHubWorkflowJob[];
}
export type GitHubCheckSuite = Schemas["check-suite"];
export interface GitHubCheckSuiteList {
  total_count: number;
  check_suites: GitHubCheckSuite[];
}
export type GitHubCheckRun = Schemas["check-run"];
export interface GitHubCheckRunList {
  total_count: number;
  check_runs: GitHubCheckRun[];
}
export type GitHubDeployment = Schemas["deployment"];
export type GitHubDeploymentStatus = Schemas["deployment-status"];
export type GitHubRelease = Schemas["release"];
export type GitHubTag = Schemas["tag"];
/** GET /repos/{o}/{r}/pulls/comments, /pulls/{n}/comments; the `comment` of `pull_request_review_comment`. */
export type GitHubReviewComment = Schemas["pull-request-review-comment"];
/** GET /orgs/{org}/teams; the `team` of `team` and `membership` deliveries (no `parent` there). */
export type GitHubTeam = Omit<Schemas["team"], "parent"> & { parent?: Schemas["team"]["parent"] };
/** GET /orgs/{org}/teams/{slug}/members. */
export type GitHubTeamMember = Schemas["simple-user"];
