/** The lists verification checks, one per table: issues, pull requests, issue comments. */
import { and, eq, isNull } from "drizzle-orm";
import type { GitHubIssue, GitHubIssueComment, GitHubPullRequest } from "../../normalize/github-types.js";
import { toId } from "../../normalize/ids.js";
import { isPullRequest } from "../../normalize/normalize-issue.js";
import { applyComments, applyIssues, applyPullRequests } from "../../mirror/apply.js";
import { issueComments, issues, pullRequests } from "../../store/schema.js";
import { markDeleted } from "../../store/tombstones.js";
import type { RepositoryRef } from "../context.js";
import type { ListCheck } from "./verify-list.js";

/** Whether an API URL (an issue's `repository_url`, a comment's `issue_url`) is this repository's. */
function underRepository(url: string | undefined, repo: RepositoryRef): boolean {
  return (
    (url ?? "").toLowerCase().includes(`/repos/${repo.fullName.toLowerCase()}/`) ||
    (url ?? "").toLowerCase().endsWith(`/repos/${repo.fullName.toLowerCase()}`)
  );
}

export const issuesCheck: ListCheck<GitHubIssue> = {
  entity: "issues",
  listUrl: (repo) => `/repos/${repo.fullName}/issues?state=all&per_page=100`,
  owns: (item) => !isPullRequest(item),
  idOf: (item) => toId(item.id),
  updatedAtOf: (item) => item.updated_at,
  stored: (db, repo) =>
    db
      .select({ id: issues.id, updatedAt: issues.updatedAt, number: issues.number })
      .from(issues)
      .where(and(eq(issues.repositoryId, repo.id), isNull(issues.deletedAt))),
  itemUrl: (repo, row) => `/repos/${repo.fullName}/issues/${row.number ?? 0}`,
  isHere: (item, repo) => underRepository(item.repository_url, repo),
  write: (tx, repo, items) => applyIssues(tx, repo.id, items),
  tombstone: (tx, ids) => markDeleted(tx, issues, ids, new Date()),
};

export const pullsCheck: ListCheck<GitHubPullRequest> = {
  entity: "pull_requests",
  listUrl: (repo) => `/repos/${repo.fullName}/pulls?state=all&per_page=100`,
  owns: () => true,
  idOf: (item) => toId(item.id),
  updatedAtOf: (item) => item.updated_at,
  stored: (db, repo) =>
    db
      .select({ id: pullRequests.id, updatedAt: pullRequests.updatedAt, number: pullRequests.number })
      .from(pullRequests)
      .where(and(eq(pullRequests.repositoryId, repo.id), isNull(pullRequests.deletedAt))),
  itemUrl: (repo, row) => `/repos/${repo.fullName}/pulls/${row.number ?? 0}`,
  isHere: (item, repo) => underRepository(item.base?.repo?.url, repo),
  write: (tx, repo, items) => applyPullRequests(tx, repo.id, items),
  tombstone: (tx, ids) => markDeleted(tx, pullRequests, ids, new Date()),
};

export const commentsCheck: ListCheck<GitHubIssueComment> = {
  entity: "comments",
  listUrl: (repo) => `/repos/${repo.fullName}/issues/comments?per_page=100`,
  owns: () => true,
  idOf: (item) => toId(item.id),
  updatedAtOf: (item) => item.updated_at,
  stored: (db, repo) =>
    db
      .select({ id: issueComments.id, updatedAt: issueComments.updatedAt })
      .from(issueComments)
      .where(and(eq(issueComments.repositoryId, repo.id), isNull(issueComments.deletedAt))),
  itemUrl: (repo, row) => `/repos/${repo.fullName}/issues/comments/${row.id}`,
  isHere: (item, repo) => underRepository(item.issue_url, repo),
  write: (tx, repo, items) => applyComments(tx, repo.id, items),
  tombstone: (tx, ids) => markDeleted(tx, issueComments, ids, new Date()),
};
