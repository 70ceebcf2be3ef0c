/** Every issue and PR conversation comment, from the repository-wide list (one walk, not one per issue). */
import type { GitHubIssueComment } from "../../normalize/github-types.js";
import { applyComments } from "../../mirror/apply.js";
import type { SyncContext } from "../context.js";
import type { ListCollector } from "../walk-list.js";

export function commentsCollector(ctx: SyncContext): ListCollector<GitHubIssueComment> {
  return {
    entity: "comments",
    firstPageUrl: (repo) =>
      `/repos/${repo.fullName}/issues/comments?sort=updated&direction=desc&per_page=100`,
    keysetPath: (repo) => `/repos/${repo.fullName}/issues/comments`,
    dateOf: (comment) => new Date(comment.updated_at),
    async writePage(tx, repo, items) {
      const written = await applyComments(tx, repo.id, items);
      ctx.counts.comments += written;
      return written;
    },
  };
}
