/**
 * Writing the review conversation of pull requests into the mirror: inline review comments (keyed
 * by id, never overwritten by an older `updated_at`) and the timeline events metrics need (keyed by
 * the event's node id; an event never changes once it happened). The sync's collectors and the
 * webhook handlers both write through here, like apply.ts.
 */
import type { GitHubReviewComment } from "../normalize/github-delivery-types.js";
import { normalizeReviewComment } from "../normalize/normalize-review-comment.js";
import type { Db } from "../store/database.js";
import { reviewComments } from "../store/schema.js";
import { upsertRows } from "../store/upsert.js";
import { applyAccounts } from "./apply.js";

export async function applyReviewComments(
  tx: Db,
  repositoryId: number,
  comments: readonly GitHubReviewComment[],
): Promise<number> {
  await applyAccounts(
    tx,
    comments.map((comment) => comment.user),
  );
  return upsertRows(
    tx,
    reviewComments,
    comments.map((comment) => normalizeReviewComment(repositoryId, comment)),
    { key: [reviewComments.id], freshness: reviewComments.updatedAt },
  );
}
