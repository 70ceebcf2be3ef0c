import { describe, expect, it } from "vitest";
import { healthScore, type HealthFacts } from "../../src/metrics/health-score.js";
import { isBlocker, severityOf, triageIssue } from "../../src/metrics/issue-priority.js";

const at = (iso: string) => new Date(iso);
const NOW = at("2026-03-30T00:00:00Z");

describe("issue severity, SLA, priority and blocker", () => {
  it("reads the highest severity from qualified or bare labels; bug alone is medium, nothing is low", () => {
    expect(severityOf(["severity: critical", "priority: low"])).toBe("critical");
    expect(severityOf(["Sev/High"])).toBe("high");
    expect(severityOf(["P2"])).toBe("medium");
    expect(severityOf(["severity: minor"])).toBe("low");
    expect(severityOf(["bug"])).toBe("medium");
    expect(severityOf(["enhancement"])).toBe("low");
  });

  it("flags blockers by label", () => {
    expect(isBlocker(["priority: blocker"])).toBe(true);
    expect(isBlocker(["status/blocking"])).toBe(true);
    expect(isBlocker(["unblocker-tools"])).toBe(false);
  });

  it("scores severity + blocker + age + SLA breach + security/regression − docs/good-first-issue, clamped", () => {
    const fresh = { createdAt: at("2026-03-29T23:00:00Z"), closedAt: null };
    expect(triageIssue({ ...fresh, labels: ["severity: critical"] }, NOW)).toEqual({
      severity: "critical",
      sla_hours: 4,
      sla_breached: false,
      priority: 40,
      blocker: false,
    });
    // Three weeks open, high: 30 + 3 (weeks) + 10 (over its 24 h SLA) + 25 security.
    const old = { createdAt: at("2026-03-08T00:00:00Z"), closedAt: null };
    expect(triageIssue({ ...old, labels: ["priority: high", "security"] }, NOW).priority).toBe(68);
    expect(
      triageIssue({ ...old, labels: ["severity: critical", "blocker", "security", "regression"] }, NOW)
        .priority,
    ).toBe(100);
    expect(triageIssue({ ...fresh, labels: ["documentation", "good first issue"] }, NOW).priority).toBe(0);
  });

  it("measures a closed issue's age to its close", () => {
    const closed = triageIssue(
      { labels: ["bug"], createdAt: at("2026-01-01T00:00:00Z"), closedAt: at("2026-01-02T00:00:00Z") },
      NOW,
    );
    expect(closed).toMatchObject({ severity: "medium", sla_hours: 72, sla_breached: false, priority: 20 });
  });
});

describe("repository health score", () => {
  const healthy: HealthFacts = {
    daysSinceLastCommit: 1,
    closed90d: 10,
    merged90d: 10,
    reviewedMerged90d: 10,
    medianPickupHours90d: 3,
    openIssues: 4,
    openIssuesOverSla: 0,
    activeContributors90d: 6,
  };

  it("gives 100 to an active, reviewed, responsive repository and sums its parts", () => {
    expect(healthScore(healthy)).toEqual({
      score: 100,
      parts: {
        activity: 25,
        delivery: 20,
        review_coverage: 20,
        responsiveness: 10,
        issue_hygiene: 15,
        contributors: 10,
      },
    });
  });

  it("loses points for staleness, unmerged and unreviewed PRs, slow pickup and overdue issues", () => {
    const result = healthScore({
      daysSinceLastCommit: 45,
      closed90d: 4,
      merged90d: 2,
      reviewedMerged90d: 1,
      medianPickupHours90d: 100,
      openIssues: 10,
      openIssuesOverSla: 5,
      activeContributors90d: 1,
    });
    expect(result.parts).toEqual({
      activity: 5,
      delivery: 10,
      review_coverage: 10,
      responsiveness: 0,
      issue_hygiene: 7.5,
      contributors: 2.5,
    });
    expect(result.score).toBe(35);
  });

  it("scores an empty repository with the neutral parts only", () => {
    const empty = healthScore({
      ...healthy,
      daysSinceLastCommit: null,
      closed90d: 0,
      merged90d: 0,
      reviewedMerged90d: 0,
      medianPickupHours90d: null,
      openIssues: 0,
      activeContributors90d: 0,
    });
    expect(empty.score).toBe(40);
  });
});
