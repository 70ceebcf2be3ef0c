/**
 * Pull requests, issues and pull requests' reviews read again one by one: those a webhook could not
 * be ordered against (the same `updated_at` as the stored row, other content; a review's body). GitHub's answer is written — an equal
 * `updated_at` lets the later write win — so the mirror ends as GitHub has it, whatever order the
 * same-second deliveries came in.
 */
import type { GitHubIssue, GitHubPullRequest } from "../../normalize/github-types.js";
import { toId } from "../../normalize/ids.js";
import { applyIssues, applyPullRequests, applyReviews } from "../../mirror/apply.js";
import type { RefreshItem } from "../../contract/jobs.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import { unlessGone } from "../../github/unless-gone.js";
import { readPullReviews } from "./collect-reviews.js";

export async function refreshItems(
  ctx: SyncContext,
  repo: RepositoryRef,
  items: readonly RefreshItem[],
): Promise<void> {
  const unique = [...new Map(items.map((item) => [`${item.kind}:${item.number}`, item])).values()];
  for (const { kind, number } of unique) {
    const base = `/repos/${repo.fullName}`;
    // Gone (404, 410): verification tombstones it; the sync goes on.
    if (kind === "issue") {
      const issue = (await unlessGone(ctx.client.get<GitHubIssue>(`${base}/issues/${number}`)))?.data;
      if (issue) await ctx.db.transaction((tx) => applyIssues(tx, repo.id, [issue]));
      continue;
    }
    const pull = (await unlessGone(ctx.client.get<GitHubPullRequest>(`${base}/pulls/${number}`)))?.data;
    if (!pull) continue;
    await ctx.db.transaction((tx) => applyPullRequests(tx, repo.id, [pull]));
    if (kind !== "reviews") continue;
    const reviews = await readPullReviews(ctx, repo, number);
    await ctx.db.transaction((tx) => applyReviews(tx, repo.id, toId(pull.id), reviews));
  }
}
