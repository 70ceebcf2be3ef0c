/**
 * A person's metrics over a window, from their activity (pure; user-metrics.ts loads it).
 * Counts are the window's; streaks and achievements are over the whole history up to its end.
 * A contribution day is a day, in the person's zone, with a commit, a PR opened or a review given.
 */
import { achievements, type Achievement } from "./achievements.js";
import { inWindow, pullStats, type PullStats } from "./pull-stats.js";
import type { PullFacts } from "./pull-timings.js";
import { streaks } from "./streaks.js";
import { weeklyThroughput, type WeekCount } from "./throughput.js";
import { dayKey } from "./time-zone.js";
import type { MetricWindow } from "./window.js";

export interface PersonActivity {
  /** Author times of the person's default-branch commits, up to the window's end. */
  commitTimes: readonly Date[];
  /** Creation and merge times of all the person's PRs, up to the window's end. */
  pullTimes: readonly { createdAt: Date; mergedAt: Date | null }[];
  /** Submission times of the person's reviews of others' PRs, up to the window's end. */
  reviewTimes: readonly Date[];
  /** The person's PRs relevant to the window (open, or closed in or after it), with reviews. */
  pulls: readonly PullFacts[];
}

export interface UserReport extends PullStats {
  from: string;
  to: string;
  time_zone: string;
  commits: number;
  reviews_given: number;
  throughput: WeekCount[];
  streak: { current: number; frozen_days: string[]; longest: number; longest_ended_on: string | null };
  achievements: Achievement[];
}

/** `streakFreezes`: days a month the current streak survives without a contribution (streaks.ts). */
export function userReport(
  activity: PersonActivity,
  window: MetricWindow,
  timeZone: string,
  streakFreezes = 0,
): UserReport {
  const before = (instant: Date) => instant < window.to;
  const commitTimes = activity.commitTimes.filter(before);
  const reviewTimes = activity.reviewTimes.filter(before);
  const opened = activity.pullTimes.map((pull) => pull.createdAt).filter(before);
  const merged = activity.pullTimes.flatMap((pull) =>
    pull.mergedAt && before(pull.mergedAt) ? [pull.mergedAt] : [],
  );
  const days = [...commitTimes, ...opened, ...reviewTimes].map((instant) => dayKey(instant, timeZone));
  const today = dayKey(new Date(window.to.getTime() - 1), timeZone);
  const streak = streaks(days, today, streakFreezes);
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    time_zone: timeZone,
    commits: commitTimes.filter((instant) => inWindow(instant, window)).length,
    ...pullStats(activity.pulls, window),
    reviews_given: reviewTimes.filter((instant) => inWindow(instant, window)).length,
    throughput: weeklyThroughput(merged, window.from, window.to, timeZone),
    streak: {
      current: streak.current,
      frozen_days: streak.frozen,
      longest: streak.longest,
      longest_ended_on: streak.longestEndedOn,
    },
    achievements: achievements(
      { mergedAt: merged, reviewedAt: reviewTimes, committedAt: commitTimes, contributionDays: days },
      timeZone,
    ),
  };
}
