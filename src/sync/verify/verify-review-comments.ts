/**
 * Inline review comments checked like conversation comments (verify-checks.ts): the repository-wide
 * list against the mirror's live rows; a comment the list no longer shows is asked for alone
 * (GET /pulls/comments/{id}), and tombstoned on a 404 — a deletion no sync sees without its webhook.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { GitHubReviewComment } from "../../normalize/github-delivery-types.js";
import { toId } from "../../normalize/ids.js";
import { applyReviewComments } from "../../mirror/apply-conversation.js";
import { reviewComments } from "../../store/schema.js";
import { markDeleted } from "../../store/tombstones.js";
import type { ListCheck } from "./verify-list.js";

export const reviewCommentsCheck: ListCheck<GitHubReviewComment> = {
  entity: "review_comments",
  listUrl: (repo) => `/repos/${repo.fullName}/pulls/comments?per_page=100`,
  owns: () => true,
  idOf: (item) => toId(item.id),
  updatedAtOf: (item) => item.updated_at,
  stored: (db, repo) =>
    db
      .select({ id: reviewComments.id, updatedAt: reviewComments.updatedAt })
      .from(reviewComments)
      .where(and(eq(reviewComments.repositoryId, repo.id), isNull(reviewComments.deletedAt))),
  itemUrl: (repo, row) => `/repos/${repo.fullName}/pulls/comments/${row.id}`,
  isHere: (item, repo) =>
    item.pull_request_url.toLowerCase().includes(`/repos/${repo.fullName.toLowerCase()}/`),
  write: (tx, repo, items) => applyReviewComments(tx, repo.id, items),
  tombstone: (tx, ids) => markDeleted(tx, reviewComments, ids, new Date()),
};
