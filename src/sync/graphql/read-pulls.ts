/**
 * Reading pull requests with GraphQL: a page of them, complete with every review and commit
 * (the first 100 of each come with the page; the rest, rare, one follow-up query per 100), and
 * pull requests by number. Nothing here writes: the walk commits what it read with its cursor.
 */
import type { GraphqlPullRead } from "../../mirror/apply.js";
import type {
  GraphqlConnection,
  GraphqlPageInfo,
  GraphqlPullCommit,
  GraphqlPullEvent,
  GraphqlPullRequest,
  GraphqlReview,
} from "../../normalize/graphql-types.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import { dataOf, ownerAndName, present, type RepositoryData } from "./answer.js";
import type { PageSize } from "./page-size.js";
import { PULL_REQUEST_MORE, PULL_REQUEST_PAGE, pullRequestsByNumber } from "./pull-queries.js";

/** GitHub lists at most 250 commits of a pull request (REST and GraphQL): REST reading sees as many. */
const MAX_PULL_COMMITS = 250;

export interface PullPage {
  reads: GraphqlPullRead[];
  pageInfo: GraphqlPageInfo;
  /** Pull requests in the repository, for the progress bar. */
  totalCount: number;
}

export async function readPullPage(
  ctx: SyncContext,
  repo: RepositoryRef,
  after: string | null,
  size: PageSize,
  more: PageSize,
): Promise<PullPage> {
  const what = `${repo.fullName}'s pull requests`;
  const page = await size.run(what, async (first) =>
    dataOf(
      await ctx.client.graphql<RepositoryData<{ pullRequests: GraphqlConnection<GraphqlPullRequest> }>>(
        PULL_REQUEST_PAGE,
        { ...ownerAndName(repo), first, after },
      ),
      what,
    ),
  );
  const pulls = present(page.pullRequests.nodes);
  const reads: GraphqlPullRead[] = [];
  for (const pull of pulls) reads.push(await completePull(ctx, repo, pull, more));
  return { reads, pageInfo: page.pullRequests.pageInfo, totalCount: page.pullRequests.totalCount ?? 0 };
}

/** Pull requests by number, complete; numbers GitHub does not know are left out. */
export async function readPullsByNumber(
  ctx: SyncContext,
  repo: RepositoryRef,
  numbers: readonly number[],
  size: PageSize,
): Promise<GraphqlPullRead[]> {
  const reads: GraphqlPullRead[] = [];
  for (let start = 0; start < numbers.length;) {
    const what = `${repo.fullName}'s pull requests by number`;
    let taken = 0;
    const found = await size.run(what, async (first) => {
      const batch = numbers.slice(start, start + Math.max(1, Math.floor(first / 4)));
      taken = batch.length;
      const result = await ctx.client.graphql<RepositoryData<Record<string, GraphqlPullRequest | null>>>(
        pullRequestsByNumber(batch),
        ownerAndName(repo),
      );
      return dataOf(result, what);
    });
    start += taken;
    for (const pull of Object.values(found)) if (pull) reads.push(await completePull(ctx, repo, pull, size));
  }
  return reads;
}

/**
 * A pull request with every page of its reviews, commits (up to GitHub's 250) and timeline events.
 * One follow-up query asks for the next page of each that has one.
 */
async function completePull(
  ctx: SyncContext,
  repo: RepositoryRef,
  pull: GraphqlPullRequest,
  more: PageSize,
): Promise<GraphqlPullRead> {
  const reviews = present(pull.reviews.nodes);
  const commits = present(pull.commits.nodes);
  const events = present(pull.timelineEvents.nodes);
  let reviewsAt: GraphqlPageInfo = pull.reviews.pageInfo;
  let commitsAt: GraphqlPageInfo = pull.commits.pageInfo;
  let eventsAt: GraphqlPageInfo = pull.timelineEvents.pageInfo;
  const moreCommits = () => commitsAt.hasNextPage && commits.length < MAX_PULL_COMMITS;
  while (reviewsAt.hasNextPage || moreCommits() || eventsAt.hasNextPage) {
    const what = `${repo.fullName}#${pull.number}'s reviews, commits and timeline events`;
    const withCommits = moreCommits();
    const next = await more.run(what, async () =>
      dataOf(
        await ctx.client.graphql<
          RepositoryData<{
            pullRequest: {
              reviews?: GraphqlConnection<GraphqlReview>;
              commits?: GraphqlConnection<GraphqlPullCommit>;
              timelineEvents?: GraphqlConnection<GraphqlPullEvent>;
            } | null;
          }>
        >(PULL_REQUEST_MORE, {
          ...ownerAndName(repo),
          number: pull.number,
          reviews: reviewsAt.hasNextPage,
          reviewsAfter: reviewsAt.endCursor,
          commits: withCommits,
          commitsAfter: commitsAt.endCursor,
          events: eventsAt.hasNextPage,
          eventsAfter: eventsAt.endCursor,
        }),
        what,
      ),
    );
    const rest = next.pullRequest;
    const before = reviews.length + commits.length + events.length;
    reviews.push(...present(rest?.reviews?.nodes ?? []));
    commits.push(...present(rest?.commits?.nodes ?? []));
    events.push(...present(rest?.timelineEvents?.nodes ?? []));
    // A pull request gone meanwhile, or a page that brings nothing: what was read is all there is.
    if (!rest || reviews.length + commits.length + events.length === before) break;
    if (rest.reviews) reviewsAt = rest.reviews.pageInfo;
    if (rest.commits) commitsAt = rest.commits.pageInfo;
    if (rest.timelineEvents) eventsAt = rest.timelineEvents.pageInfo;
  }
  return { pull, reviews, commits: commits.slice(0, MAX_PULL_COMMITS), events };
}
