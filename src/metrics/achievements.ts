/**
 * Achievements: milestones over a person's whole history up to the end of the window, each with
 * the day (in the person's time zone) it was reached, or null while it is not.
 */
import { streakReachedOn } from "./streaks.js";
import { dayKey } from "./time-zone.js";

export interface AchievementFacts {
  /** Merge times of the person's PRs. */
  mergedAt: readonly Date[];
  /** Submission times of the reviews the person gave on others' PRs. */
  reviewedAt: readonly Date[];
  /** Author times of the person's commits. */
  committedAt: readonly Date[];
  /** Days with a contribution (streaks.ts). */
  contributionDays: readonly string[];
}

export interface Achievement {
  id: string;
  title: string;
  /** YYYY-MM-DD in the person's time zone; null: not reached yet. */
  achieved_on: string | null;
}

interface CountMilestone {
  id: string;
  title: string;
  of: keyof Omit<AchievementFacts, "contributionDays">;
  count: number;
}

const COUNT_MILESTONES: readonly CountMilestone[] = [
  { id: "first_merged_pr", title: "First merged pull request", of: "mergedAt", count: 1 },
  { id: "merged_prs_10", title: "10 merged pull requests", of: "mergedAt", count: 10 },
  { id: "merged_prs_100", title: "100 merged pull requests", of: "mergedAt", count: 100 },
  { id: "first_review", title: "First review of someone else's pull request", of: "reviewedAt", count: 1 },
  { id: "reviews_100", title: "100 reviews given", of: "reviewedAt", count: 100 },
  { id: "commits_100", title: "100 commits", of: "committedAt", count: 100 },
  { id: "commits_1000", title: "1,000 commits", of: "committedAt", count: 1_000 },
];

const STREAK_MILESTONES = [7, 30, 100] as const;

/** The instant of the `n`th event (1-based), or null with fewer. */
function nth(instants: readonly Date[], n: number): Date | null {
  if (instants.length < n) return null;
  return [...instants].sort((a, b) => a.getTime() - b.getTime())[n - 1] ?? null;
}

export function achievements(facts: AchievementFacts, timeZone: string): Achievement[] {
  const counted = COUNT_MILESTONES.map(({ id, title, of, count }) => {
    const reached = nth(facts[of], count);
    return { id, title, achieved_on: reached === null ? null : dayKey(reached, timeZone) };
  });
  const streaked = STREAK_MILESTONES.map((length) => ({
    id: `streak_${length}`,
    title: `${length}-day contribution streak`,
    achieved_on: streakReachedOn(facts.contributionDays, length),
  }));
  return [...counted, ...streaked];
}
