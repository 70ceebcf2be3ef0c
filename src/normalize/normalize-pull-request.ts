import { toId, toOptionalId } from "./ids.js";
import type { pullRequests } from "../store/schema.js";
import { cleanText, requireDate, toDate } from "./dates.js";
import type { GitHubPullRequest } from "./github-types.js";

/** The columns GitHub's pull request object carries (checkpoints and collected details excluded). */
export type PullRequestRow = Omit<
  typeof pullRequests.$inferInsert,
  "reviewsSyncedFor" | "detailsSyncedFor" | "firstCommitAt" | "readyForReviewAt"
>;

/** A pull request (list item or detail) → row. Size columns only when GitHub sent them (detail). */
export function normalizePullRequest(repositoryId: number, pr: GitHubPullRequest): PullRequestRow {
  const detail = "additions" in pr ? pr : undefined;
  return {
    id: toId(pr.id),
    repositoryId,
    number: pr.number,
    title: cleanText(pr.title) ?? "",
    authorId: toOptionalId(pr.user?.id),
    authorLogin: pr.user?.login ?? null,
    state: pr.state,
    draft: pr.draft ?? false,
    merged: pr.merged_at !== null && pr.merged_at !== undefined,
    mergedAt: toDate(pr.merged_at),
    closedAt: toDate(pr.closed_at),
    createdAt: requireDate(pr.created_at, "pull request created_at"),
    updatedAt: requireDate(pr.updated_at, "pull request updated_at"),
    baseRef: pr.base.ref,
    headRef: pr.head.ref,
    headSha: pr.head.sha,
    mergeCommitSha: pr.merge_commit_sha ?? null,
    deletedAt: null,
    ...(detail
      ? { additions: detail.additions, deletions: detail.deletions, changedFiles: detail.changed_files }
      : {}),
  };
}
