/**
 * A repository's metrics over a window, and its health as of the window's end (pure;
 * repo-metrics.ts loads the facts). Repository numbers count every author, bots included,
 * except `contributors`, which counts people only. Weeks are UTC weeks.
 */
import { healthScore, type HealthScore } from "./health-score.js";
import type { Severity } from "../contract/enums.js";
import { triageIssue, type IssueFacts } from "./issue-priority.js";
import { inWindow, pullStats, type PullStats } from "./pull-stats.js";
import { reviewTimeHours, type PullFacts } from "./pull-timings.js";
import { weeklyThroughput, type WeekCount } from "./throughput.js";
import type { MetricWindow } from "./window.js";

export const HEALTH_LOOKBACK_DAYS = 90;
const DAY_MS = 86_400_000;

export interface RepositoryActivity {
  /** Default-branch commits committed in the window. */
  commits: number;
  /** Newest default-branch commit time before the window's end. */
  lastCommitAt: Date | null;
  /** Reviews submitted in the window, self-reviews excluded. */
  reviews: number;
  /** Distinct people (not bots) authoring a commit or PR in the window, and in the 90 days before its end. */
  contributors: number;
  contributors90d: number;
  /** PRs open, or closed after min(from, to − 90 days), with reviews. */
  pulls: readonly PullFacts[];
  /** Issues created before the window's end, open or closed after its start. */
  issues: readonly IssueFacts[];
}

export interface IssueSummary {
  opened: number;
  closed: number;
  /** As of the window's end. */
  open: number;
  open_by_severity: Record<Severity, number>;
  open_blockers: number;
  open_over_sla: number;
}

export interface RepositoryReport extends PullStats {
  from: string;
  to: string;
  commits: number;
  reviews: number;
  contributors: number;
  throughput: WeekCount[];
  issues: IssueSummary;
  health: HealthScore;
}

export function healthWindow(window: MetricWindow): MetricWindow {
  return { from: new Date(window.to.getTime() - HEALTH_LOOKBACK_DAYS * DAY_MS), to: window.to };
}

function issueSummary(issues: readonly IssueFacts[], window: MetricWindow): IssueSummary {
  const open = issues.filter(
    (issue) => issue.createdAt < window.to && (issue.closedAt === null || issue.closedAt >= window.to),
  );
  // Triaged as of the window's end: an issue closed later was still open then.
  const triaged = open.map((issue) => triageIssue({ ...issue, closedAt: null }, window.to));
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const triage of triaged) bySeverity[triage.severity]++;
  return {
    opened: issues.filter((issue) => inWindow(issue.createdAt, window)).length,
    closed: issues.filter((issue) => inWindow(issue.closedAt, window)).length,
    open: open.length,
    open_by_severity: bySeverity,
    open_blockers: triaged.filter((triage) => triage.blocker).length,
    open_over_sla: triaged.filter((triage) => triage.sla_breached).length,
  };
}

export function repoReport(activity: RepositoryActivity, window: MetricWindow): RepositoryReport {
  const stats = pullStats(activity.pulls, window);
  const issues = issueSummary(activity.issues, window);
  const recent = healthWindow(window);
  const merged90d = activity.pulls.filter((pull) => inWindow(pull.mergedAt, recent));
  const health = healthScore({
    daysSinceLastCommit:
      activity.lastCommitAt === null
        ? null
        : (window.to.getTime() - activity.lastCommitAt.getTime()) / DAY_MS,
    closed90d: activity.pulls.filter((pull) => inWindow(pull.closedAt, recent)).length,
    merged90d: merged90d.length,
    reviewedMerged90d: merged90d.filter((pull) => reviewTimeHours(pull) !== null).length,
    medianPickupHours90d: pullStats(activity.pulls, recent).pickup_time_hours.median,
    openIssues: issues.open,
    openIssuesOverSla: issues.open_over_sla,
    activeContributors90d: activity.contributors90d,
  });
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    commits: activity.commits,
    ...stats,
    reviews: activity.reviews,
    contributors: activity.contributors,
    throughput: weeklyThroughput(
      activity.pulls.flatMap((pull) => (pull.mergedAt ? [pull.mergedAt] : [])),
      window.from,
      window.to,
      "UTC",
    ),
    issues,
    health,
  };
}
