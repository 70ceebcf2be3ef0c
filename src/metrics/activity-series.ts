/**
 * Weekly activity (the dashboard's Activity charts): per ISO week (Monday to Sunday in the
 * subject's zone), cut to the window `[from, to)`, the commits, PRs opened and merged, reviews,
 * and the week's median cycle and pickup time — each week's numbers are `pullStats` over that
 * week, so they follow exactly the rules of the person's and the repository's metrics.
 */
import type { ActivityWeek } from "../contract/metrics.js";
import { inWindow, pullStats } from "./pull-stats.js";
import type { PullFacts } from "./pull-timings.js";
import { addDays, dayKey, startOfDay, weekStart } from "./time-zone.js";
import type { MetricWindow } from "./window.js";

export interface ActivityFacts {
  /** Times of the commits that count, in the window. */
  commitTimes: readonly Date[];
  /** Submission times of the reviews that count, in the window. */
  reviewTimes: readonly Date[];
  /** PRs relevant to the window (open, or closed in or after it), with their reviews. */
  pulls: readonly PullFacts[];
}

/** The weeks overlapping the window, each as its own window cut to `[from, to)`. */
export function weeksOf(window: MetricWindow, timeZone: string): { week: string; window: MetricWindow }[] {
  const weeks: { week: string; window: MetricWindow }[] = [];
  const last = weekStart(dayKey(new Date(window.to.getTime() - 1), timeZone));
  for (let week = weekStart(dayKey(window.from, timeZone)); week <= last; week = addDays(week, 7)) {
    const start = startOfDay(week, timeZone);
    const end = startOfDay(addDays(week, 7), timeZone);
    weeks.push({
      week,
      window: { from: start < window.from ? window.from : start, to: end > window.to ? window.to : end },
    });
  }
  return weeks;
}

export function weeklyActivity(facts: ActivityFacts, window: MetricWindow, timeZone: string): ActivityWeek[] {
  return weeksOf(window, timeZone).map(({ week, window: span }) => {
    const pulls = pullStats(facts.pulls, span);
    return {
      week,
      commits: facts.commitTimes.filter((instant) => inWindow(instant, span)).length,
      prs_opened: pulls.prs_opened,
      prs_merged: pulls.prs_merged,
      reviews: facts.reviewTimes.filter((instant) => inWindow(instant, span)).length,
      cycle_time_hours: pulls.cycle_time_hours.median,
      pickup_time_hours: pulls.pickup_time_hours.median,
    };
  });
}
