/**
 * One repository checked against GitHub and repaired: followed by id first (renames, transfers,
 * deletion), then its issues, pull requests, comments, review comments, deployments and releases
 * (verify-list.ts). REST list walks: a
 * page per 100 rows of each list, and one request per row the lists no longer show.
 */
import type { RepositoryRef, SyncContext } from "../context.js";
import { followRepository } from "./follow-repository.js";
import { commentsCheck, issuesCheck, pullsCheck } from "./verify-checks.js";
import { deploymentsCheck, releasesCheck } from "./verify-delivery-checks.js";
import { reviewCommentsCheck } from "./verify-review-comments.js";
import type { VerifyCounts } from "./verify-counts.js";
import { verifyList } from "./verify-list.js";

export async function verifyRepository(
  ctx: SyncContext,
  repo: RepositoryRef,
  counts: VerifyCounts,
): Promise<void> {
  const current = await followRepository(ctx, repo, counts);
  if (!current) return;
  await verifyList(ctx, current, issuesCheck, counts);
  await verifyList(ctx, current, pullsCheck, counts);
  await verifyList(ctx, current, commentsCheck, counts);
  await verifyList(ctx, current, deploymentsCheck, counts);
  await verifyList(ctx, current, releasesCheck, counts);
  await verifyList(ctx, current, reviewCommentsCheck, counts);
}
