/**
 * Writing the review conversation of pull requests into the mirror: inline review comments (keyed
 * by id, never overwritten by an older `updated_at`) and the timeline events metrics need (keyed by
 * the event's node id; an event never changes once it happened). The sync's collectors and the
 * webhook handlers both write through here, like apply.ts.
 */
import type { GitHubReviewComment } from "../normalize/github-delivery-types.js";
import type { GraphqlPullEvent } from "../normalize/graphql-types.js";
import type { GitHubTimelineEvent } from "../normalize/normalize-pull-details.js";
import {
  normalizeGraphqlPullEvents,
  normalizeTimelineEvents,
  type PullEventRow,
} from "../normalize/normalize-pull-event.js";
import { normalizeReviewComment } from "../normalize/normalize-review-comment.js";
import type { Db } from "../store/database.js";
import { pullRequestEvents, reviewComments } from "../store/schema.js";
import { upsertRows } from "../store/upsert.js";
import { applyAuthored } from "./apply.js";

export async function applyReviewComments(
  tx: Db,
  repositoryId: number,
  comments: readonly GitHubReviewComment[],
): Promise<number> {
  return applyAuthored(
    tx,
    comments.map((comment) => comment.user),
    reviewComments,
    comments.map((comment) => normalizeReviewComment(repositoryId, comment)),
    { key: [reviewComments.id], freshness: reviewComments.updatedAt },
  );
}

/** The events metrics need among a pull request's REST timeline (GET /issues/{n}/timeline). */
export async function applyTimelineEvents(
  tx: Db,
  repositoryId: number,
  pullRequestNumber: number,
  timeline: readonly GitHubTimelineEvent[],
): Promise<number> {
  return writePullEvents(tx, normalizeTimelineEvents(repositoryId, pullRequestNumber, timeline));
}

/** The same events read with GraphQL (`timelineItems`): the same rows. */
export async function applyGraphqlPullEvents(
  tx: Db,
  repositoryId: number,
  reads: readonly { pull: { number: number }; events: readonly GraphqlPullEvent[] }[],
): Promise<number> {
  return writePullEvents(
    tx,
    reads.flatMap((read) => normalizeGraphqlPullEvents(repositoryId, read.pull.number, read.events)),
  );
}

/** An event never changes once it happened: keyed by its node id, written once. */
function writePullEvents(tx: Db, rows: readonly PullEventRow[]): Promise<number> {
  return upsertRows(tx, pullRequestEvents, rows, { key: [pullRequestEvents.key] });
}
