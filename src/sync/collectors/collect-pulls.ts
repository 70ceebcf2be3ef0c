/** Pull requests (`state=all`), most recently updated first; reviews follow in collect-reviews. */
import { normalizePullRequest } from "../../normalize/normalize-pull-request.js";
import type { GitHubPullRequest } from "../../normalize/github-types.js";
import { pullRequests } from "../../store/schema.js";
import { upsertRows } from "../../store/upsert.js";
import type { SyncContext } from "../context.js";
import type { ListCollector } from "../walk-list.js";
import { writeAccounts } from "./write-accounts.js";

export function pullsCollector(ctx: SyncContext): ListCollector<GitHubPullRequest> {
  return {
    entity: "pull_requests",
    firstPageUrl: (repo) =>
      `/repos/${repo.fullName}/pulls?state=all&sort=updated&direction=desc&per_page=100`,
    dateOf: (pr) => new Date(pr.updated_at),
    async writePage(tx, repo, items) {
      await writeAccounts(
        tx,
        items.map((pr) => pr.user),
      );
      const written = await upsertRows(
        tx,
        pullRequests,
        items.map((pr) => normalizePullRequest(repo.id, pr)),
        {
          key: [pullRequests.id],
          freshness: pullRequests.updatedAt,
        },
      );
      ctx.counts.pull_requests += written;
      return written;
    },
  };
}
