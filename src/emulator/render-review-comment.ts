/** Inline review comments (`pull-request-review-comment`). */
import type { RepoRecord, ReviewCommentRecord } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { repoApiUrl, repoHtmlUrl } from "./render-context.js";
import { reactions } from "./render-label.js";
import { simpleUser } from "./render-user.js";
import { authorAssociation } from "./world-queries.js";
import { nodeId } from "./ids.js";
import { iso } from "./time.js";

export function renderReviewComment(
  ctx: RenderContext,
  repo: RepoRecord,
  comment: ReviewCommentRecord,
): Record<string, unknown> {
  const api = repoApiUrl(ctx, repo);
  const url = `${api}/pulls/comments/${comment.id}`;
  const html = `${repoHtmlUrl(ctx, repo)}/pull/${comment.pullNumber}#discussion_r${comment.id}`;
  const pullUrl = `${api}/pulls/${comment.pullNumber}`;
  return {
    url,
    pull_request_review_id: comment.review.id,
    id: comment.id,
    node_id: nodeId("PullRequestReviewComment", comment.id),
    diff_hunk: comment.diffHunk,
    path: comment.path,
    // Deprecated: the line's index in the diff; the comment sits on the hunk's last line.
    position: comment.diffHunk.split("\n").length - 1,
    original_position: comment.diffHunk.split("\n").length - 1,
    commit_id: comment.commitId,
    original_commit_id: comment.originalCommitId,
    ...(comment.inReplyTo ? { in_reply_to_id: comment.inReplyTo.id } : {}),
    user: simpleUser(ctx, comment.user),
    body: comment.body,
    created_at: iso(comment.createdAt),
    updated_at: iso(comment.updatedAt),
    html_url: html,
    pull_request_url: pullUrl,
    author_association: authorAssociation(repo, comment.user),
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullUrl } },
    reactions: reactions(url, comment.id),
    start_line: null,
    original_start_line: null,
    start_side: null,
    line: comment.line,
    original_line: comment.line,
    side: comment.side,
    subject_type: "line",
  };
}
