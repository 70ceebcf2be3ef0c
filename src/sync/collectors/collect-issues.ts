/** Issues (`state=all`), most recently updated first. The list holds PRs too: they are stored as PRs only. */
import { isPullRequest, normalizeIssue } from "../../normalize/normalize-issue.js";
import type { GitHubIssue } from "../../normalize/github-types.js";
import { issues } from "../../store/schema.js";
import { upsertRows } from "../../store/upsert.js";
import type { SyncContext } from "../context.js";
import type { ListCollector } from "../walk-list.js";
import { writeAccounts } from "./write-accounts.js";

export function issuesCollector(ctx: SyncContext): ListCollector<GitHubIssue> {
  return {
    entity: "issues",
    firstPageUrl: (repo) =>
      `/repos/${repo.fullName}/issues?state=all&sort=updated&direction=desc&per_page=100`,
    dateOf: (issue) => new Date(issue.updated_at),
    async writePage(tx, repo, items) {
      const onlyIssues = items.filter((issue) => !isPullRequest(issue));
      await writeAccounts(
        tx,
        onlyIssues.map((issue) => issue.user),
      );
      const written = await upsertRows(
        tx,
        issues,
        onlyIssues.map((issue) => normalizeIssue(repo.id, issue)),
        {
          key: [issues.id],
          freshness: issues.updatedAt,
        },
      );
      ctx.counts.issues += written;
      return written;
    },
  };
}
