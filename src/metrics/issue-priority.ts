/**
 * Issue triage from labels and age (docs/goals-and-metrics.md, "Metrics"; after seed 003's severity/SLA/priority).
 * Label names are compared lower-cased with a leading `severity`, `sev`, `priority` or `p`
 * qualifier and its separator (`:`, `/`, `-`, space) removed, so "severity: critical",
 * "Sev/High" and "priority-low" all read as their level.
 */
import { SEVERITIES, type Severity } from "../contract/enums.js";

export interface IssueFacts {
  labels: readonly string[];
  createdAt: Date;
  /** Null while open. */
  closedAt: Date | null;
}

export interface IssueTriage {
  severity: Severity;
  sla_hours: number;
  /** Open longer than its SLA (closed issues: closed after it). */
  sla_breached: boolean;
  priority: number;
  blocker: boolean;
}

const LEVEL_WORDS: Record<Severity, readonly string[]> = {
  critical: ["critical", "p0", "s0", "sev0"],
  high: ["high", "urgent", "p1", "s1", "sev1", "major"],
  medium: ["medium", "p2", "s2", "sev2", "moderate", "normal"],
  low: ["low", "p3", "p4", "s3", "sev3", "minor", "trivial"],
};

export const SLA_HOURS: Record<Severity, number> = { critical: 4, high: 24, medium: 72, low: 168 };
const SEVERITY_POINTS: Record<Severity, number> = { critical: 40, high: 30, medium: 20, low: 10 };

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

function normalizeLabel(label: string): string {
  const lower = label.trim().toLowerCase();
  const qualified = /^(?:severity|sev|priority)\s*[:/\- ]\s*(.+)$/.exec(lower);
  return qualified?.[1]?.trim() ?? lower;
}

/** The highest level a label names; no level label: `medium` for a `bug`, else `low`. */
export function severityOf(labels: readonly string[]): Severity {
  const names = labels.map(normalizeLabel);
  for (const level of SEVERITIES) {
    if (names.some((name) => LEVEL_WORDS[level].includes(name))) return level;
  }
  return names.includes("bug") ? "medium" : "low";
}

/** A label `blocker`/`blocking` (qualified or not, e.g. "priority: blocker", "status/blocking"). */
export function isBlocker(labels: readonly string[]): boolean {
  return labels.some((label) => /(?:^|[\s:/-])(?:blocker|blocking)$/.test(label.trim().toLowerCase()));
}

function hasLabel(labels: readonly string[], ...words: string[]): boolean {
  return labels.some((label) => words.includes(normalizeLabel(label)));
}

/**
 * priority = severity points (critical 40, high 30, medium 20, low 10) + 30 blocker
 *   + 1 per full week open (at most 20) + 10 SLA breached + 25 security + 20 regression
 *   − 15 documentation − 20 good first issue, clamped to 0–100.
 */
export function triageIssue(issue: IssueFacts, now: Date): IssueTriage {
  const severity = severityOf(issue.labels);
  const blocker = isBlocker(issue.labels);
  const end = issue.closedAt ?? now;
  const openMs = Math.max(0, end.getTime() - issue.createdAt.getTime());
  const slaBreached = openMs > SLA_HOURS[severity] * HOUR_MS;
  const labels = issue.labels;
  const score =
    SEVERITY_POINTS[severity] +
    (blocker ? 30 : 0) +
    Math.min(20, Math.floor(openMs / WEEK_MS)) +
    (slaBreached ? 10 : 0) +
    (hasLabel(labels, "security", "vulnerability") ? 25 : 0) +
    (hasLabel(labels, "regression") ? 20 : 0) -
    (hasLabel(labels, "documentation", "docs") ? 15 : 0) -
    (hasLabel(labels, "good first issue") ? 20 : 0);
  return {
    severity,
    sla_hours: SLA_HOURS[severity],
    sla_breached: slaBreached,
    priority: Math.max(0, Math.min(100, score)),
    blocker,
  };
}
