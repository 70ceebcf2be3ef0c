/**
 * The pull-request part of a person's or a repository's metrics over a window `[from, to)`:
 * - opened: created in the window; merged: merged in the window;
 * - cycle time, review time and size: over the PRs merged in the window;
 * - pickup time: over the PRs whose first review by someone else falls in the window.
 */
import { distribution, type Distribution } from "./distribution.js";
import {
  cycleTimeHours,
  firstReviewAt,
  pickupTimeHours,
  pullSize,
  reviewTimeHours,
  type PullFacts,
} from "./pull-timings.js";
import type { MetricWindow } from "./window.js";

export interface PullStats {
  prs_opened: number;
  prs_merged: number;
  cycle_time_hours: Distribution;
  pickup_time_hours: Distribution;
  review_time_hours: Distribution;
  pr_size: Distribution;
  /** Merged in the window without any review by someone else before the merge. */
  merged_without_review: number;
}

export function inWindow(instant: Date | null, window: MetricWindow): instant is Date {
  return instant !== null && instant >= window.from && instant < window.to;
}

export function pullStats(pulls: readonly PullFacts[], window: MetricWindow): PullStats {
  const merged = pulls.filter((pull) => inWindow(pull.mergedAt, window));
  const picked = pulls.filter((pull) => inWindow(firstReviewAt(pull), window));
  return {
    prs_opened: pulls.filter((pull) => inWindow(pull.createdAt, window)).length,
    prs_merged: merged.length,
    cycle_time_hours: distribution(merged.map(cycleTimeHours)),
    pickup_time_hours: distribution(picked.map(pickupTimeHours)),
    review_time_hours: distribution(merged.map(reviewTimeHours)),
    pr_size: distribution(merged.map(pullSize)),
    merged_without_review: merged.filter((pull) => reviewTimeHours(pull) === null).length,
  };
}
