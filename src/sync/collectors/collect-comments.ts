/** Every issue and PR conversation comment, from the repository-wide list (one walk, not one per issue). */
import { normalizeComment } from "../../normalize/normalize-comment.js";
import type { GitHubIssueComment } from "../../normalize/github-types.js";
import { issueComments } from "../../store/schema.js";
import { upsertRows } from "../../store/upsert.js";
import type { SyncContext } from "../context.js";
import type { ListCollector } from "../walk-list.js";
import { writeAccounts } from "./write-accounts.js";

export function commentsCollector(ctx: SyncContext): ListCollector<GitHubIssueComment> {
  return {
    entity: "comments",
    firstPageUrl: (repo) =>
      `/repos/${repo.fullName}/issues/comments?sort=updated&direction=desc&per_page=100`,
    dateOf: (comment) => new Date(comment.updated_at),
    async writePage(tx, repo, items) {
      await writeAccounts(
        tx,
        items.map((comment) => comment.user),
      );
      const written = await upsertRows(
        tx,
        issueComments,
        items.map((comment) => normalizeComment(repo.id, comment)),
        {
          key: [issueComments.id],
          freshness: issueComments.updatedAt,
        },
      );
      ctx.counts.comments += written;
      return written;
    },
  };
}
