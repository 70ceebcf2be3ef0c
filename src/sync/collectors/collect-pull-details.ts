/**
 * What the pull request list lacks, for every PR whose `updated_at` moved since it was last read
 * (the row's `details_synced_for`, set in the transaction that writes the details — like
 * `reviews_synced_for`, so a crash re-reads only unfinished PRs):
 * - GET /pulls/{n}: additions, deletions, changed_files;
 * - GET /pulls/{n}/commits: the first commit's author date (cycle time);
 * - GET /issues/{n}/timeline: the first `ready_for_review` (pickup time of a PR opened as a draft),
 *   and the events metrics need (labels, reopens, review requests, drafts, force-pushes), from
 *   the same read (`pull_request_events`).
 * The detail changed with `updated_at` and is read plainly. The two lists are read with the ETag
 * stored for them when they fit one page with room to spare: a 304 (0 points) keeps what the row
 * holds. Both lists are oldest first, so what is added goes last: a list of several pages, or of
 * exactly one full page, is read whole and its ETag not kept, since an addition past page 1 would
 * not change page 1. GitHub lists at most 250 commits of a PR (normalize-pull-details.ts).
 */
import { eq } from "drizzle-orm";
import type { GitHubCommit, GitHubPullRequest } from "../../normalize/github-types.js";
import {
  firstCommitAt,
  firstReadyForReviewAt,
  type GitHubTimelineEvent,
} from "../../normalize/normalize-pull-details.js";
import { saveEtag } from "../../store/checkpoints.js";
import { pullRequests } from "../../store/schema.js";
import { applyPullRequests } from "../../mirror/apply.js";
import { applyTimelineEvents } from "../../mirror/apply-conversation.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import { eachConcurrently } from "../each-concurrently.js";
import { pullsMovedSince, type MovedPull } from "./pulls-moved-since.js";
import { PER_PAGE, readWholeList } from "../read-whole-list.js";
import { DETAIL_REQUESTS_PER_PULL, detailsAhead } from "./pull-reads-ahead.js";

export async function collectPullDetails(ctx: SyncContext, repo: RepositoryRef): Promise<void> {
  const pending = await pullsMovedSince(ctx.db, repo.id, pullRequests.detailsSyncedFor);
  // The reservation made when the list was estimated gives way to the count (pull-reads-ahead.ts).
  const counted = () => ctx.progress.reserve(detailsAhead(repo), 0);
  if (pending.length === 0) return counted();
  const task = ctx.progress.task(`${repo.fullName} pull request details`);
  task.expect(pending.length * DETAIL_REQUESTS_PER_PULL);
  counted();
  await eachConcurrently(pending, ctx.concurrency, async (pull, remaining) => {
    const requests = await collectOne(ctx, repo, pull);
    task.advance(requests);
    task.expect(remaining * DETAIL_REQUESTS_PER_PULL);
  });
  task.finish();
}

async function collectOne(ctx: SyncContext, repo: RepositoryRef, pull: MovedPull): Promise<number> {
  const base = `/repos/${repo.fullName}`;
  const detail = await ctx.client.get<GitHubPullRequest>(`${base}/pulls/${pull.number}`);
  const commits = await readWholeList<GitHubCommit>(
    ctx,
    `${base}/pulls/${pull.number}/commits?per_page=${PER_PAGE}`,
  );
  const timeline = await readWholeList<GitHubTimelineEvent>(
    ctx,
    `${base}/issues/${pull.number}/timeline?per_page=${PER_PAGE}`,
  );
  const read = detail.data;
  const readFor =
    read && new Date(read.updated_at) > pull.updatedAt ? new Date(read.updated_at) : pull.updatedAt;
  await ctx.db.transaction(async (tx) => {
    // The row was counted when the list wrote it: details complete it, they add no pull request.
    if (read) await applyPullRequests(tx, repo.id, [read]);
    await tx
      .update(pullRequests)
      .set({
        detailsSyncedFor: readFor,
        ...(commits.unchanged ? {} : { firstCommitAt: firstCommitAt(commits.items) }),
        ...(timeline.unchanged ? {} : { readyForReviewAt: firstReadyForReviewAt(timeline.items) }),
      })
      .where(eq(pullRequests.id, pull.id));
    if (!timeline.unchanged) await applyTimelineEvents(tx, repo.id, pull.number, timeline.items);
    for (const list of [commits, timeline]) if (!list.unchanged) await saveEtag(tx, list.url, list.etag);
  });
  return 1 + commits.requests + timeline.requests;
}
