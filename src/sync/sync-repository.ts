/**
 * One repository's collections, in order: commits, pull requests with their reviews and details
 * (size, first commit, ready for review; GraphQL or REST), issues, comments (and those moved in
 * with a transferred issue), inline review comments, contributors, then delivery data (workflow
 * runs, deployments, releases, check runs: collect-delivery.ts).
 */
import { eq, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { repositories } from "../store/schema.js";
import { commentsCollector } from "./collectors/collect-comments.js";
import { commitsCollector } from "./collectors/collect-commits.js";
import { collectContributors } from "./collectors/collect-contributors.js";
import { collectDeliveryData } from "./collectors/collect-delivery.js";
import { collectMovedComments } from "./collectors/collect-moved-comments.js";
import { collectPullDetails } from "./collectors/collect-pull-details.js";
import { issuesCollector } from "./collectors/collect-issues.js";
import { pullsCollector } from "./collectors/collect-pulls.js";
import { reviewCommentsCollector } from "./collectors/collect-review-comments.js";
import { collectReviews } from "./collectors/collect-reviews.js";
import type { RepositoryRef, SyncContext } from "./context.js";
import type { Depth } from "./depth.js";
import type { Progress } from "./progress.js";
import { walkList, type ListCollector } from "./walk-list.js";
import { probeLists } from "./probe-lists.js";
import { isGhsyncError } from "../util/errors.js";
import { walkPullsWithGraphql } from "./graphql/walk-pulls.js";

/**
 * Pull requests with their reviews and details: with GraphQL where it is asked for (`--api`) and
 * answered, else with REST (the list, then reviews and details per pull request that moved).
 */
async function collectPullRequests(ctx: SyncContext, repo: RepositoryRef, since: Date | null): Promise<void> {
  if (ctx.client.usesGraphql) {
    try {
      await walkPullsWithGraphql(ctx, repo, since);
      return;
    } catch (error) {
      // `auto` on a server without GraphQL: the client said so once; REST does the work.
      if (!(isGhsyncError(error) && error.code === "graphql_unavailable" && ctx.client.api === "auto"))
        throw error;
    }
  }
  await walkList(ctx, repo, pullsCollector(ctx), since);
  await collectReviews(ctx, repo);
  await collectPullDetails(ctx, repo);
}

/** The steps of a repository's sync below; each is reserved one request until it is over (progress.ts). */
const STEPS = 8;

/** The key a repository's work not begun yet is reserved under in a run's progress. */
export function reservationKey(fullName: string): string {
  return fullName.toLowerCase();
}

/** Reserves a repository's sync in the run's progress before anything of it begins. */
export function reserveRepository(progress: Progress, fullName: string): void {
  progress.reserve(reservationKey(fullName), STEPS);
}

export async function syncRepository(ctx: SyncContext, repo: RepositoryRef, depth: Depth): Promise<void> {
  const startedAt = new Date();
  let left = STEPS;
  reserveRepository(ctx.progress, repo.fullName);
  const step = async (work: () => Promise<void>) => {
    await work();
    ctx.progress.reserve(reservationKey(repo.fullName), --left);
  };
  const since = depth.since;
  // The first backfill's lists are sized up front, for a progress that knows the work ahead.
  await probeLists(ctx, repo, since, [
    ...(repo.defaultBranch ? [commitsCollector(ctx)] : []),
    ...(ctx.client.usesGraphql ? [] : [pullsCollector(ctx)]),
    issuesCollector(ctx),
    commentsCollector(ctx),
    reviewCommentsCollector(ctx),
  ] as ListCollector<unknown>[]);
  await step(async () => {
    if (repo.defaultBranch) await walkList(ctx, repo, commitsCollector(ctx), since);
  });
  await step(() => collectPullRequests(ctx, repo, since));
  await step(() => walkList(ctx, repo, issuesCollector(ctx), since));
  await step(() => walkList(ctx, repo, commentsCollector(ctx), since));
  await step(() => collectMovedComments(ctx, repo, since));
  await step(() => walkList(ctx, repo, reviewCommentsCollector(ctx), since));
  await step(async () => {
    if (repo.defaultBranch) await collectContributors(ctx, repo);
  });
  await step(() => collectDeliveryData(ctx, repo, since));
  await ctx.db
    .update(repositories)
    .set({
      lastSyncedAt: new Date(),
      // What GitHub held when the sync began is mirrored now; a change seen after that still waits.
      currentAt: sql`greatest(${repositories.currentAt}, ${startedAt.toISOString()}::timestamptz)`,
      changedAt: clearedBy(repositories.changedAt, startedAt),
      pollDueAt: clearedBy(repositories.pollDueAt, startedAt),
      // Keep the deepest depth ever asked for: it is what the mirror covers.
      syncDepth: sql`case when ${repositories.syncDepth} = 'full' then 'full' else ${depth.label} end`,
    })
    .where(eq(repositories.id, repo.id));
}

/** A scheduler's mark made before the sync began is done with; a later one still waits. */
const clearedBy = (mark: AnyPgColumn, startedAt: Date) =>
  sql`case when ${mark} <= ${startedAt.toISOString()}::timestamptz then null else ${mark} end`;
