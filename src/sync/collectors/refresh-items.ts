/**
 * Pull requests and issues read again one by one: those a webhook could not be ordered against
 * (the same `updated_at` as the stored row, other content). GitHub's answer is written — an equal
 * `updated_at` lets the later write win — so the mirror ends as GitHub has it, whatever order the
 * same-second deliveries came in.
 */
import type { GitHubIssue, GitHubPullRequest } from "../../normalize/github-types.js";
import { applyIssues, applyPullRequests } from "../../mirror/apply.js";
import type { RefreshItem } from "../../contract/jobs.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import { unlessGone } from "../../github/unless-gone.js";

export async function refreshItems(
  ctx: SyncContext,
  repo: RepositoryRef,
  items: readonly RefreshItem[],
): Promise<void> {
  const unique = [...new Map(items.map((item) => [`${item.kind}:${item.number}`, item])).values()];
  for (const { kind, number } of unique) {
    const base = `/repos/${repo.fullName}`;
    if (kind === "pull") {
      // Gone (404, 410): verification tombstones it; the sync goes on.
      const pull = (await unlessGone(ctx.client.get<GitHubPullRequest>(`${base}/pulls/${number}`)))?.data;
      if (pull) await ctx.db.transaction((tx) => applyPullRequests(tx, repo.id, [pull]));
    } else {
      const issue = (await unlessGone(ctx.client.get<GitHubIssue>(`${base}/issues/${number}`)))?.data;
      if (issue) await ctx.db.transaction((tx) => applyIssues(tx, repo.id, [issue]));
    }
  }
}
