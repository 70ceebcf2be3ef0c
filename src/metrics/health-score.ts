/**
 * Repository health, 0–100, as of a moment (docs/goals-and-metrics.md, "Metrics"): six parts that add up to 100.
 * A part with nothing to judge (no PR closed, no issue open) scores its neutral value instead of
 * rewarding or punishing a quiet repository.
 */

export interface HealthFacts {
  /** Days from the last default-branch commit to the moment; null: no commits. */
  daysSinceLastCommit: number | null;
  /** Pull requests closed in the last 90 days, and how many of those were merged. */
  closed90d: number;
  merged90d: number;
  /** PRs merged in the last 90 days that had a review by someone else before merging. */
  reviewedMerged90d: number;
  /** Median pickup time (hours) of PRs first reviewed in the last 90 days; null: none. */
  medianPickupHours90d: number | null;
  openIssues: number;
  openIssuesOverSla: number;
  /** Distinct people (not bots) who authored a commit or a PR in the last 90 days. */
  activeContributors90d: number;
}

export interface HealthScore {
  score: number;
  parts: {
    activity: number;
    delivery: number;
    review_coverage: number;
    responsiveness: number;
    issue_hygiene: number;
    contributors: number;
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

function activity(days: number | null): number {
  if (days === null) return 0;
  if (days <= 7) return 25;
  if (days <= 30) return 15;
  return days <= 90 ? 5 : 0;
}

function responsiveness(median: number | null): number {
  if (median === null) return 5;
  if (median <= 24) return 10;
  return median <= 72 ? 5 : 0;
}

export function healthScore(facts: HealthFacts): HealthScore {
  const parts = {
    activity: activity(facts.daysSinceLastCommit),
    delivery: facts.closed90d === 0 ? 10 : round1((20 * facts.merged90d) / facts.closed90d),
    review_coverage: facts.merged90d === 0 ? 10 : round1((20 * facts.reviewedMerged90d) / facts.merged90d),
    responsiveness: responsiveness(facts.medianPickupHours90d),
    issue_hygiene:
      facts.openIssues === 0 ? 15 : round1(15 * (1 - facts.openIssuesOverSla / facts.openIssues)),
    contributors: Math.min(10, 2.5 * facts.activeContributors90d),
  };
  const total = Object.values(parts).reduce((sum, part) => sum + part, 0);
  return { score: Math.round(Math.max(0, Math.min(100, total))), parts };
}
