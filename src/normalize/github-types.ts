/** GitHub's response types, generated from its OpenAPI description (never hand-written). */
import type { components } from "@octokit/openapi-types";

type Schemas = components["schemas"];
export type GitHubRepository =
  Schemas["repository"] | Schemas["minimal-repository"] | Schemas["full-repository"];
export type GitHubCommit = Schemas["commit"];
export type GitHubPullRequest = Schemas["pull-request-simple"] | Schemas["pull-request"];
export type GitHubReview = Schemas["pull-request-review"];
export type GitHubIssue = Schemas["issue"];
export type GitHubIssueComment = Schemas["issue-comment"];
export type GitHubContributor = Schemas["contributor"];
export type GitHubAccount = Schemas["simple-user"];
/** GET /search/issues (its item is the issue object with a `score`). */
export interface GitHubIssueSearch {
  total_count: number;
  incomplete_results: boolean;
  items: Schemas["issue-search-result-item"][];
}
