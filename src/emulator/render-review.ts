/** Pull request reviews (GET /repos/{owner}/{repo}/pulls/{n}/reviews items). */
import type { IssueRecord, RepoRecord, ReviewRecord } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { repoApiUrl, repoHtmlUrl } from "./render-context.js";
import { simpleUser } from "./render-user.js";
import { authorAssociation } from "./world-queries.js";
import { nodeId } from "./ids.js";
import { iso } from "./time.js";

export function renderReview(
  ctx: RenderContext,
  repo: RepoRecord,
  thread: IssueRecord,
  review: ReviewRecord,
): Record<string, unknown> {
  const html = `${repoHtmlUrl(ctx, repo)}/pull/${thread.number}#pullrequestreview-${review.id}`;
  const pullUrl = `${repoApiUrl(ctx, repo)}/pulls/${thread.number}`;
  return {
    id: review.id,
    node_id: nodeId("PullRequestReview", review.id),
    user: simpleUser(ctx, review.user),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: authorAssociation(repo, review.user),
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    submitted_at: iso(review.submittedAt),
    commit_id: review.commitId,
  };
}
