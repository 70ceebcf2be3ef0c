/**
 * Names and dates as people read them, the same in the dashboard, notifications and emails: what a
 * goal counts ("pull requests merged") and a period in days of the person's zone.
 */

const METRIC_WORDS: Record<string, [string, string]> = {
  commits: ["commit", "commits"],
  pull_requests_opened: ["pull request opened", "pull requests opened"],
  pull_requests_merged: ["pull request merged", "pull requests merged"],
  reviews_submitted: ["review", "reviews"],
  issues_opened: ["issue opened", "issues opened"],
  issues_closed: ["issue closed", "issues closed"],
  manual: ["point", "points"],
};

/** What a goal counts, in words: "pull requests merged"; one of them with `count` 1. */
export function metricWords(metric: string, count = 2): string {
  const [one, many] = METRIC_WORDS[metric] ?? [metric.replaceAll("_", " "), metric.replaceAll("_", " ")];
  return count === 1 ? one : many;
}

/**
 * A goal's period `[start, end)` in days of the person's zone: "1 Dec – 7 Dec 2026" (the end is
 * exclusive, so a week ends on its Sunday).
 */
export function formatPeriod(startIso: string, endIso: string, timeZone?: string): string {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return "";
  const days = new Intl.DateTimeFormat("en", { day: "numeric", month: "short", year: "numeric", timeZone });
  const first = days.formatToParts(start);
  const last = days.formatToParts(end - 1);
  const part = (parts: Intl.DateTimeFormatPart[], type: string) =>
    parts.find((entry) => entry.type === type)?.value ?? "";
  const day = (parts: Intl.DateTimeFormatPart[]) => `${part(parts, "day")} ${part(parts, "month")}`;
  const sameYear = part(first, "year") === part(last, "year");
  const from = sameYear ? day(first) : `${day(first)} ${part(first, "year")}`;
  return `${from} – ${day(last)} ${part(last, "year")}`;
}
