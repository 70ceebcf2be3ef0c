/**
 * Reviews of every pull request whose `updated_at` moved since its reviews were last fetched
 * (REST has no repository-wide review list). The PR row's `reviews_synced_for` is the checkpoint:
 * it is set in the transaction that writes the reviews, so a crash re-fetches only unfinished PRs.
 */
import { eq } from "drizzle-orm";
import type { GitHubPage } from "../../github/client.js";
import type { GitHubReview } from "../../normalize/github-types.js";
import { pullRequests } from "../../store/schema.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import { applyReviews } from "../../mirror/apply.js";
import { eachConcurrently } from "../each-concurrently.js";
import { pullsMovedSince, type MovedPull } from "./pulls-moved-since.js";
import { reviewsAhead } from "./pull-reads-ahead.js";

export async function collectReviews(ctx: SyncContext, repo: RepositoryRef): Promise<void> {
  const pending = await pullsMovedSince(ctx.db, repo.id, pullRequests.reviewsSyncedFor);
  // The reservation made when the list was estimated gives way to the count (pull-reads-ahead.ts).
  const counted = () => ctx.progress.reserve(reviewsAhead(repo), 0);
  if (pending.length === 0) return counted();
  const task = ctx.progress.task(`${repo.fullName} reviews`);
  task.expect(pending.length);
  counted();
  await eachConcurrently(pending, ctx.concurrency, (pull, remaining) =>
    collectPullReviews(ctx, repo, pull, (requests, more) => {
      task.advance(requests);
      if (more > 0) task.expect(remaining + more);
    }),
  );
  task.finish();
}

async function collectPullReviews(
  ctx: SyncContext,
  repo: RepositoryRef,
  pull: MovedPull,
  onPage: (requests: number, morePages: number) => void,
): Promise<void> {
  const reviews = await readPullReviews(ctx, repo, pull.number, onPage);
  await ctx.db.transaction(async (tx) => {
    const written = await applyReviews(tx, repo.id, pull.id, reviews);
    // Read-modify-write after the await: workers run concurrently.
    ctx.counts.reviews += written;
    await tx
      .update(pullRequests)
      .set({ reviewsSyncedFor: pull.updatedAt })
      .where(eq(pullRequests.id, pull.id));
  });
}

/** Every review of a pull request, as GitHub lists them (oldest first); `onPage` after each page. */
export async function readPullReviews(
  ctx: SyncContext,
  repo: RepositoryRef,
  number: number,
  onPage: (requests: number, morePages: number) => void = () => undefined,
): Promise<GitHubReview[]> {
  const reviews: GitHubReview[] = [];
  let url: string | undefined = `/repos/${repo.fullName}/pulls/${number}/reviews?per_page=100`;
  while (url) {
    const page: GitHubPage<GitHubReview[]> = await ctx.client.get<GitHubReview[]>(url);
    reviews.push(...(page.data ?? []));
    url = page.next;
    onPage(1, url ? 1 : 0);
  }
  return reviews;
}
