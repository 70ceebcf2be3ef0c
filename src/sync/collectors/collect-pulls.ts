/** Pull requests (`state=all`), most recently updated first; reviews follow in collect-reviews. */
import type { GitHubPullRequest } from "../../normalize/github-types.js";
import { applyPullRequests } from "../../mirror/apply.js";
import type { SyncContext } from "../context.js";
import { DETAIL_REQUESTS_PER_PULL, detailsAhead, reviewsAhead } from "./pull-reads-ahead.js";
import type { ListCollector } from "../walk-list.js";

export function pullsCollector(ctx: SyncContext): ListCollector<GitHubPullRequest> {
  return {
    entity: "pull_requests",
    firstPageUrl: (repo) =>
      `/repos/${repo.fullName}/pulls?state=all&sort=updated&direction=desc&per_page=100`,
    dateOf: (pr) => new Date(pr.updated_at),
    // Each pull request of a backfill is read again after the list: its reviews, then its details.
    onEstimate(repo, itemsTotal) {
      ctx.progress.reserve(reviewsAhead(repo), itemsTotal);
      ctx.progress.reserve(detailsAhead(repo), itemsTotal * DETAIL_REQUESTS_PER_PULL);
    },
    async writePage(tx, repo, items) {
      const written = await applyPullRequests(tx, repo.id, items);
      ctx.counts.pull_requests += written;
      return written;
    },
  };
}
