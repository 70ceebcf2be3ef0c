import { toId, toOptionalId } from "./ids.js";
import type { issues } from "../store/schema.js";
import { cleanText, requireDate, toDate } from "./dates.js";
import type { GitHubIssue } from "./github-types.js";

export type IssueRow = typeof issues.$inferInsert;

/** GitHub's /issues lists pull requests too; they carry a `pull_request` key and are stored as PRs only. */
export function isPullRequest(issue: Pick<GitHubIssue, "pull_request">): boolean {
  return issue.pull_request !== undefined && issue.pull_request !== null;
}

export function normalizeIssue(repositoryId: number, issue: GitHubIssue): IssueRow {
  return {
    id: toId(issue.id),
    repositoryId,
    number: issue.number,
    title: cleanText(issue.title) ?? "",
    body: cleanText(issue.body),
    authorId: toOptionalId(issue.user?.id),
    authorLogin: issue.user?.login ?? null,
    // Some payloads (issues.pinned) leave the state out; closed_at tells it.
    state: issue.state ?? (issue.closed_at ? "closed" : "open"),
    // Payloads that leave out labels or state_reason (issues.pinned, older webhooks) say nothing
    // of them: the columns are left out, so the stored labels are not wiped by an empty list.
    ...(issue.state_reason === undefined ? {} : { stateReason: issue.state_reason }),
    ...(issue.labels === undefined
      ? {}
      : {
          labels: issue.labels
            .map((label) => (typeof label === "string" ? label : (label.name ?? "")))
            .filter(Boolean),
        }),
    assignees: (issue.assignees ?? []).map((assignee) => assignee.login),
    commentsCount: issue.comments,
    createdAt: requireDate(issue.created_at, "issue created_at"),
    updatedAt: requireDate(issue.updated_at, "issue updated_at"),
    closedAt: toDate(issue.closed_at),
    deletedAt: null,
  };
}
