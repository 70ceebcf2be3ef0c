/**
 * The lists a person's or a repository's numbers open (contract/lists.ts): which endpoint, which
 * filters, which columns. `base` is `/api/repos/OWNER/REPO` or `/api/users/LOGIN`.
 */
import type { DrillFigure } from "../components/drill-figures.js";
import type { Column, DrillDown } from "../components/row-list.js";
import { absoluteTime, formatCount, formatHours } from "../format.js";

const when = (value: unknown) => (typeof value === "string" ? absoluteTime(value) : "—");
const hours = (value: unknown) => formatHours(typeof value === "number" ? value : null);
const firstLine = (value: unknown) => (typeof value === "string" ? (value.split("\n")[0] ?? "") : "—");

const PULL_COLUMNS: readonly Column[] = [
  { key: "number", label: "PR", format: (value, row) => `${String(row.repository)}#${String(value)}` },
  { key: "title", label: "Title" },
  { key: "author_login", label: "Author" },
  { key: "created_at", label: "Opened", format: when },
  { key: "merged_at", label: "Merged", format: when },
  { key: "cycle_time_hours", label: "Cycle", format: hours },
  { key: "pickup_time_hours", label: "Pickup", format: hours },
  { key: "review_time_hours", label: "Review", format: hours },
  { key: "size", label: "Size" },
];

const COMMIT_COLUMNS: readonly Column[] = [
  {
    key: "sha",
    label: "Commit",
    format: (value, row) => `${String(row.repository)}@${String(value).slice(0, 7)}`,
  },
  { key: "message", label: "Message", format: firstLine },
  { key: "author_login", label: "Author", format: (value, row) => String(value ?? row.author_name ?? "—") },
  { key: "committed_at", label: "Committed", format: when },
];

const REVIEW_COLUMNS: readonly Column[] = [
  { key: "pull_number", label: "PR", format: (value, row) => `${String(row.repository)}#${String(value)}` },
  { key: "pull_title", label: "Title" },
  { key: "author_login", label: "Reviewer" },
  { key: "state", label: "State" },
  { key: "submitted_at", label: "Submitted", format: when },
];

const ISSUE_COLUMNS: readonly Column[] = [
  { key: "number", label: "Issue", format: (value) => `#${String(value)}` },
  { key: "title", label: "Title" },
  { key: "severity", label: "Severity" },
  { key: "priority", label: "Priority" },
  { key: "sla_breached", label: "Over SLA", format: (value) => (value ? "yes" : "no") },
  { key: "created_at", label: "Opened", format: when },
  { key: "closed_at", label: "Closed", format: when },
];

type Params = Record<string, string | undefined>;

export const pullsDrill = (base: string, title: string, params: Params): DrillDown => ({
  title,
  path: `${base}/pulls`,
  params,
  columns: PULL_COLUMNS,
});

export const commitsDrill = (base: string, title: string, params: Params): DrillDown => ({
  title,
  path: `${base}/commits`,
  params,
  columns: COMMIT_COLUMNS,
});

export const reviewsDrill = (base: string, title: string, params: Params): DrillDown => ({
  title,
  path: `${base}/reviews`,
  params,
  columns: REVIEW_COLUMNS,
});

export const issuesDrill = (base: string, title: string, params: Params): DrillDown => ({
  title,
  path: `${base}/issues`,
  params,
  columns: ISSUE_COLUMNS,
});

/** The window of a report as list filters. */
export const within = (report: { from: string; to: string }) => ({ since: report.from, until: report.to });

/** The pull requests merged in a report's window. */
export const mergedDrill = (base: string, report: { from: string; to: string }): DrillDown =>
  pullsDrill(base, "Pull requests merged", { ...within(report), state: "merged", date: "merged" });

/** The pull requests opened and merged in a report's window: a person's and a repository's page both show them. */
export function pullCountFigures(
  report: { from: string; to: string; prs_opened: number; prs_merged: number },
  base: string,
): DrillFigure[] {
  return [
    {
      name: "PRs opened",
      value: formatCount(report.prs_opened),
      drill: pullsDrill(base, "Pull requests opened", within(report)),
    },
    { name: "PRs merged", value: formatCount(report.prs_merged), drill: mergedDrill(base, report) },
  ];
}

interface PullTimings {
  from: string;
  to: string;
  cycle_time_hours: { median: number | null };
  pickup_time_hours: { median: number | null };
  review_time_hours: { median: number | null };
  pr_size: { median: number | null };
}

/** Cycle, pickup and review time and PR size: a person's and a repository's page show the same four. */
export function pullTimingFigures(report: PullTimings, base: string): DrillFigure[] {
  const merged = mergedDrill(base, report);
  return [
    {
      name: "Cycle time (median)",
      value: formatHours(report.cycle_time_hours.median),
      drill: { ...merged, title: "Cycle time: the merged pull requests" },
    },
    {
      name: "Pickup time (median)",
      value: formatHours(report.pickup_time_hours.median),
      drill: pullsDrill(base, "Pickup time: pull requests first reviewed in the period", {
        ...within(report),
        date: "first_review",
      }),
    },
    {
      name: "Review time (median)",
      value: formatHours(report.review_time_hours.median),
      drill: { ...merged, title: "Review time: the merged pull requests" },
    },
    {
      name: "PR size (median lines)",
      value: formatCount(report.pr_size.median),
      drill: { ...merged, title: "PR size: the merged pull requests" },
    },
  ];
}
