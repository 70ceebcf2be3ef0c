/** Issue comments (also the conversation comments of pull requests). */
import type { CommentRecord, RepoRecord } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { repoApiUrl, repoHtmlUrl } from "./render-context.js";
import { reactions } from "./render-label.js";
import { simpleUser } from "./render-user.js";
import { authorAssociation, threadOf } from "./world-queries.js";
import { nodeId } from "./ids.js";
import { iso } from "./time.js";

export function renderComment(
  ctx: RenderContext,
  repo: RepoRecord,
  comment: CommentRecord,
): Record<string, unknown> {
  const api = repoApiUrl(ctx, repo);
  const url = `${api}/issues/comments/${comment.id}`;
  const kind = threadOf(repo, comment.issueNumber)?.pull ? "pull" : "issues";
  return {
    url,
    html_url: `${repoHtmlUrl(ctx, repo)}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    user: simpleUser(ctx, comment.user),
    created_at: iso(comment.createdAt),
    updated_at: iso(comment.updatedAt),
    body: comment.body,
    author_association: authorAssociation(repo, comment.user),
    reactions: reactions(url, comment.id),
    performed_via_github_app: null,
  };
}
