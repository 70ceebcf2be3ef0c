/**
 * Per-pull-request timings (docs/goals-and-metrics.md, "Metrics"). All in hours; null when the PR has not reached
 * the end of the interval (not merged, no review) or the start is unknown.
 *
 * - cycle time: first commit → merge. The start is the earliest of the first commit's author
 *   date and the PR's creation (commits rebased or force-pushed after opening can be newer than
 *   the PR; work had begun by the time it was opened). Without collected details: creation.
 * - pickup time: ready for review → first review by someone else. Ready is the first
 *   `ready_for_review` event, or creation for a PR never opened as a draft; a PR still a draft is
 *   not ready. A review of a draft before it was marked ready is a pickup of 0 hours; a PR
 *   first reviewed only after it was closed was never picked up.
 * - review time: first review by someone else → merge, for PRs reviewed before they merged.
 * - size: additions + deletions (null until known).
 * "Someone else": not the PR's author and not a bot.
 */

export interface ReviewFacts {
  authorId: number | null;
  /** The reviewer is a bot (people-scope rules). */
  bot: boolean;
  submittedAt: Date | null;
}

export interface PullFacts {
  authorId: number | null;
  createdAt: Date;
  mergedAt: Date | null;
  /** Null while open (a reopened PR is open again). */
  closedAt: Date | null;
  /** Still a draft now. */
  draft: boolean;
  firstCommitAt: Date | null;
  readyForReviewAt: Date | null;
  additions: number | null;
  deletions: number | null;
  reviews: readonly ReviewFacts[];
}

const HOUR_MS = 3_600_000;

function hoursBetween(start: Date, end: Date): number {
  return (end.getTime() - start.getTime()) / HOUR_MS;
}

/** The first submitted review by someone other than the author (and not a bot). */
export function firstReviewAt(pull: PullFacts): Date | null {
  let first: Date | null = null;
  for (const review of pull.reviews) {
    if (review.bot || review.submittedAt === null) continue;
    if (review.authorId !== null && review.authorId === pull.authorId) continue;
    if (first === null || review.submittedAt < first) first = review.submittedAt;
  }
  return first;
}

export function cycleStart(pull: PullFacts): Date {
  return pull.firstCommitAt !== null && pull.firstCommitAt < pull.createdAt
    ? pull.firstCommitAt
    : pull.createdAt;
}

export function cycleTimeHours(pull: PullFacts): number | null {
  return pull.mergedAt === null ? null : hoursBetween(cycleStart(pull), pull.mergedAt);
}

/** When the PR asked for review: null while it is a draft. */
export function readyAt(pull: PullFacts): Date | null {
  if (pull.readyForReviewAt !== null) return pull.readyForReviewAt;
  return pull.draft ? null : pull.createdAt;
}

export function pickupTimeHours(pull: PullFacts): number | null {
  const ready = readyAt(pull);
  const review = firstReviewAt(pull);
  if (ready === null || review === null) return null;
  if (pull.closedAt !== null && review > pull.closedAt) return null;
  return Math.max(0, hoursBetween(ready, review));
}

export function reviewTimeHours(pull: PullFacts): number | null {
  const review = firstReviewAt(pull);
  if (pull.mergedAt === null || review === null || review > pull.mergedAt) return null;
  return hoursBetween(review, pull.mergedAt);
}

export function pullSize(pull: PullFacts): number | null {
  return pull.additions === null || pull.deletions === null ? null : pull.additions + pull.deletions;
}
