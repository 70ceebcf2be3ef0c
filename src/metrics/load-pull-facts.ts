/**
 * Loads the pull requests a metric needs, with their reviews, as PullFacts. `where` is a
 * condition over `pull_requests`; tombstoned PRs and reviews are left out, and each review says
 * whether its author is a bot (people-scope.ts), since bots never count as reviewers.
 */
import { and, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../store/database.js";
import { pullRequestReviews, pullRequests } from "../store/schema.js";
import { isBotAccountSql } from "./people-scope.js";
import type { PullFacts, ReviewFacts } from "./pull-timings.js";

export interface LoadedPull extends PullFacts {
  id: number;
}

export async function loadPullFacts(db: Db, where: SQL, botLogins: string[]): Promise<LoadedPull[]> {
  const pulls = await db
    .select({
      id: pullRequests.id,
      authorId: pullRequests.authorId,
      createdAt: pullRequests.createdAt,
      mergedAt: pullRequests.mergedAt,
      closedAt: pullRequests.closedAt,
      draft: pullRequests.draft,
      firstCommitAt: pullRequests.firstCommitAt,
      readyForReviewAt: pullRequests.readyForReviewAt,
      additions: pullRequests.additions,
      deletions: pullRequests.deletions,
    })
    .from(pullRequests)
    .where(and(isNull(pullRequests.deletedAt), where));
  if (pulls.length === 0) return [];
  // The PRs' ids as an array: looked up in the reviews' PR index. A join on the same condition is
  // planned as a hash join over every review of the database (bench/metrics).
  const pullIds = sql`array(select ${pullRequests.id} from ${pullRequests} where ${pullRequests.deletedAt} is null and ${where})`;
  const reviews = await db
    .select({
      pullRequestId: pullRequestReviews.pullRequestId,
      authorId: pullRequestReviews.authorId,
      submittedAt: pullRequestReviews.submittedAt,
      bot: sql<boolean>`${isBotAccountSql(sql`${pullRequestReviews.authorId}`, botLogins)}`,
    })
    .from(pullRequestReviews)
    .where(
      and(
        sql`${pullRequestReviews.pullRequestId} = any(${pullIds})`,
        isNull(pullRequestReviews.deletedAt),
        isNotNull(pullRequestReviews.submittedAt),
      ),
    );
  const byPull = new Map<number, ReviewFacts[]>();
  for (const review of reviews) {
    const list = byPull.get(review.pullRequestId) ?? [];
    list.push({ authorId: review.authorId, bot: Boolean(review.bot), submittedAt: review.submittedAt });
    byPull.set(review.pullRequestId, list);
  }
  return pulls.map((pull) => ({ ...pull, reviews: byPull.get(pull.id) ?? [] }));
}

/** SQL over `pull_requests`: still relevant to a window starting at `since` (open, or closed after it). */
export function openOrClosedSince(since: Date): SQL {
  return sql`(${pullRequests.closedAt} is null or ${pullRequests.closedAt} >= ${since})`;
}
