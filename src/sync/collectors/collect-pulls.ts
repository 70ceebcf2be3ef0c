/** Pull requests (`state=all`), most recently updated first; reviews follow in collect-reviews. */
import type { GitHubPullRequest } from "../../normalize/github-types.js";
import { applyPullRequests } from "../../mirror/apply.js";
import type { SyncContext } from "../context.js";
import type { ListCollector } from "../walk-list.js";

export function pullsCollector(ctx: SyncContext): ListCollector<GitHubPullRequest> {
  return {
    entity: "pull_requests",
    firstPageUrl: (repo) =>
      `/repos/${repo.fullName}/pulls?state=all&sort=updated&direction=desc&per_page=100`,
    dateOf: (pr) => new Date(pr.updated_at),
    async writePage(tx, repo, items) {
      const written = await applyPullRequests(tx, repo.id, items);
      ctx.counts.pull_requests += written;
      return written;
    },
  };
}
