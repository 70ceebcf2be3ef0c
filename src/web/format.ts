/**
 * How the dashboard writes durations, estimates, times and counts. Pure functions (the current
 * time is a parameter), unit-tested in test/unit/web-format.test.ts.
 */
import { formatPeriod, metricWords } from "../contract/words.js";

export { formatPeriod, metricWords };

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** 850 ms, 12 s, 3 min 5 s, 2 h 14 min, 3 d 4 h; "—" when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return "—";
  if (ms < SECOND) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${Math.round(ms / SECOND)} s`;
  const pair = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
  if (ms < HOUR) {
    const seconds = Math.round(ms / SECOND);
    return pair(Math.floor(seconds / 60), "min", seconds % 60, "s");
  }
  if (ms < DAY) {
    const minutes = Math.round(ms / MINUTE);
    return pair(Math.floor(minutes / 60), "h", minutes % 60, "min");
  }
  const hours = Math.round(ms / HOUR);
  return pair(Math.floor(hours / 24), "d", hours % 24, "h");
}

/** The time left of a running job, from its estimate in seconds. */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "estimating time left";
  if (seconds < 1) return "almost done";
  return `about ${formatDuration(seconds * SECOND)} left`;
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", DAY],
  ["hour", HOUR],
  ["minute", MINUTE],
  ["second", SECOND],
];

/** "3 minutes ago", "in 2 hours", "yesterday", "just now"; `fallback` when there is no time. */
export function relativeTime(iso: string | null | undefined, nowMs: number, fallback = "never"): string {
  if (!iso) return fallback;
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return fallback;
  const delta = at - nowMs;
  if (Math.abs(delta) < 5 * SECOND) return "just now";
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size || unit === "second") {
      return relative.format(Math.trunc(delta / size), unit);
    }
  }
  return fallback;
}

/** A date and time a person can read, in their own time zone. */
export function absoluteTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const at = new Date(iso);
  return Number.isNaN(at.getTime())
    ? ""
    : at.toLocaleString("en", { dateStyle: "medium", timeStyle: "short" });
}

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : n.toLocaleString("en-US");
}

/** 0.975 → "97.5%", 1 → "100%"; "—" when unknown. */
export function formatRatio(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "—";
  const percent = Math.floor(fraction * 1000) / 10;
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** Progress of a running job: "120 of 265 requests (45%), about 12 s left". */
export function describeProgress(progress: {
  done: number;
  total: number;
  percent: number;
  eta_s: number | null;
}): string {
  return `${formatCount(progress.done)} of ${formatCount(progress.total)} requests (${Math.floor(progress.percent)}%), ${formatEta(progress.eta_s)}`;
}

/** A goal's progress: "3 of 5 commits (60%)". */
export function describeGoal(goal: {
  current: number;
  target: number;
  percent: number;
  metric: string;
}): string {
  return `${formatCount(goal.current)} of ${formatCount(goal.target)} ${metricWords(goal.metric, goal.target)} (${Math.floor(goal.percent)}%)`;
}

/** Hours as a person reads them: "45 min", "3.5 h", "2.1 d"; "—" when unknown. */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return "—";
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round((hours / 24) * 10) / 10} d`;
}

/** A week by its Monday (YYYY-MM-DD): "Mar 2". */
export function formatWeek(monday: string): string {
  const at = new Date(`${monday}T00:00:00Z`);
  return Number.isNaN(at.getTime())
    ? monday
    : at.toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });
}

const JOB_SCOPES: Record<string, string> = {
  reconcile: "all tracked",
  redelivery_sweep: "missed deliveries",
  metric_snapshots: "daily snapshots",
  verify: "verification",
};

/** What a job works on: its repository, or for a maintenance job what it covers. */
export function jobScope(job: { type: string; repository: string | null }): string {
  return job.repository ?? JOB_SCOPES[job.type] ?? "—";
}
