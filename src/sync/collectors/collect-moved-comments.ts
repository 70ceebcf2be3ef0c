/**
 * Comments the repository-wide list cannot show: when GitHub transfers an issue, its comments go
 * with it and keep their `updated_at`, so the new repository's `issues/comments?since=` walk never
 * lists them (and the mirror keeps them under the old repository). After the comment walk, an
 * issue that counts more comments than the mirror holds for it (comment-gaps.ts) has its own
 * comment list read, which puts them where GitHub has them. Bounded per run: what is left is
 * found on the next one.
 */
import type { GitHubPage } from "../../github/client.js";
import type { GitHubIssueComment } from "../../normalize/github-types.js";
import { issueNumberOf } from "../../normalize/normalize-comment.js";
import { applyComments } from "../../mirror/apply.js";
import { issuesMissingComments } from "../../store/comment-gaps.js";
import { unlessGone } from "../../github/unless-gone.js";
import type { RepositoryRef, SyncContext } from "../context.js";

/** An issue's comments, every page. */
async function commentsOf(ctx: SyncContext, first: string): Promise<GitHubIssueComment[]> {
  const comments: GitHubIssueComment[] = [];
  for (let url: string | undefined = first; url;) {
    const page: GitHubPage<GitHubIssueComment[]> = await ctx.client.get(url);
    comments.push(...(page.data ?? []));
    url = page.next;
  }
  return comments;
}

/** Issues whose comment lists one run reads at most. */
const MAX_ISSUES = 50;

export async function collectMovedComments(
  ctx: SyncContext,
  repo: RepositoryRef,
  since: Date | null,
): Promise<void> {
  const numbers = await issuesMissingComments(ctx.db, repo.id, since, MAX_ISSUES);
  for (const number of numbers) {
    const url = `/repos/${repo.fullName}/issues/${number}/comments?per_page=100`;
    const comments = await unlessGone(commentsOf(ctx, url));
    // Deleted on GitHub: verification tombstones it; the repository's sync goes on.
    if (comments === undefined) continue;
    // Only what GitHub files under this issue here (an issue moved on since answers with its new place).
    const here = comments.filter(
      (comment) =>
        issueNumberOf(comment) === number && comment.issue_url.includes(`/repos/${repo.fullName}/issues/`),
    );
    await ctx.db.transaction(async (tx) => {
      const written = await applyComments(tx, repo.id, here);
      ctx.counts.comments += written;
    });
  }
}
