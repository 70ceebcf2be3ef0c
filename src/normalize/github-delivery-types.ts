/**
 * GitHub's response types of the conversation and organization data (review comments, timeline
 * events, teams), generated from its OpenAPI description like github-types.ts; kept apart from it
 * so each entity family's types live together.
 */
import type { components } from "@octokit/openapi-types";

type Schemas = components["schemas"];
/** GET /repos/{o}/{r}/pulls/comments, /pulls/{n}/comments; the `comment` of `pull_request_review_comment`. */
export type GitHubReviewComment = Schemas["pull-request-review-comment"];
/** GET /orgs/{org}/teams; the `team` of `team` and `membership` deliveries (no `parent` there). */
export type GitHubTeam = Omit<Schemas["team"], "parent"> & { parent?: Schemas["team"]["parent"] };
/** GET /orgs/{org}/teams/{slug}/members. */
export type GitHubTeamMember = Schemas["simple-user"];
