/**
 * Every inline pull-request review comment, from the repository-wide list
 * (GET /repos/{o}/{r}/pulls/comments: one walk, not one per pull request), newest update first,
 * polled with its ETag and walked to the high-water mark like conversation comments. GitHub
 * filters it by `since` as well, so walks past its newest page go by keyset pages (walk-keyset.ts).
 * https://docs.github.com/rest/pulls/comments#list-review-comments-in-a-repository
 */
import type { GitHubReviewComment } from "../../normalize/github-delivery-types.js";
import { applyReviewComments } from "../../mirror/apply-conversation.js";
import type { SyncContext } from "../context.js";
import type { ListCollector } from "../walk-list.js";

export function reviewCommentsCollector(ctx: SyncContext): ListCollector<GitHubReviewComment> {
  return {
    entity: "review_comments",
    firstPageUrl: (repo) => `/repos/${repo.fullName}/pulls/comments?sort=updated&direction=desc&per_page=100`,
    keysetPath: (repo) => `/repos/${repo.fullName}/pulls/comments`,
    dateOf: (comment) => new Date(comment.updated_at),
    async writePage(tx, repo, items) {
      const written = await applyReviewComments(tx, repo.id, items);
      ctx.counts.review_comments += written;
      return written;
    },
  };
}
