/** Issues (`state=all`), most recently updated first. The list holds PRs too: they are stored as PRs only. */
import type { GitHubIssue } from "../../normalize/github-types.js";
import { applyIssues } from "../../mirror/apply.js";
import type { SyncContext } from "../context.js";
import type { ListCollector } from "../walk-list.js";

export function issuesCollector(ctx: SyncContext): ListCollector<GitHubIssue> {
  return {
    entity: "issues",
    firstPageUrl: (repo) =>
      `/repos/${repo.fullName}/issues?state=all&sort=updated&direction=desc&per_page=100`,
    keysetPath: (repo) => `/repos/${repo.fullName}/issues?state=all`,
    dateOf: (issue) => new Date(issue.updated_at),
    async writePage(tx, repo, items) {
      const written = await applyIssues(tx, repo.id, items);
      ctx.counts.issues += written;
      return written;
    },
  };
}
