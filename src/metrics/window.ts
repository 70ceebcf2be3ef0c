/**
 * The time window of a metrics query, `[from, to)`. A date (`2026-03-01`) is a whole day in the
 * subject's time zone — `from` its start, `to` its end, so both ends are included; a date-time
 * (`2026-03-01T12:00:00Z`) is that instant, `to` excluded. Default: the 30 days up to now.
 * Bounded, because the work of a report grows with its span (days of a streak, weeks of a
 * series): from 1970 to a year ahead, and at most `maxDays` long.
 */
import { GhsyncError } from "../util/errors.js";
import { addDays, startOfDay } from "./time-zone.js";

export interface MetricWindow {
  from: Date;
  to: Date;
}

export interface WindowQuery {
  from?: string | undefined;
  to?: string | undefined;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
export const DEFAULT_WINDOW_DAYS = 30;
/** Ten years: a career's worth of trend, still a bounded amount of work. */
export const MAX_WINDOW_DAYS = 3_660;
const EARLIEST = new Date("1970-01-01T00:00:00Z");
const AHEAD_DAYS = 366;

const invalid = (message: string) => new GhsyncError("invalid_window", message, { status: 400 });

export function parseBound(value: string, name: string, timeZone: string, end: boolean): Date {
  if (DATE_ONLY.test(value) && !Number.isNaN(Date.parse(value))) {
    return startOfDay(end ? addDays(value, 1) : value, timeZone);
  }
  const instant = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(instant.getTime())) {
    throw invalid(`${name} "${value}" is not a date (2026-03-01) or an ISO date-time (2026-03-01T12:00:00Z)`);
  }
  return instant;
}

export function parseWindow(
  query: WindowQuery,
  timeZone: string,
  now: Date,
  maxDays = MAX_WINDOW_DAYS,
): MetricWindow {
  const to = query.to === undefined ? now : parseBound(query.to, "to", timeZone, true);
  const from =
    query.from === undefined
      ? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS)
      : parseBound(query.from, "from", timeZone, false);
  if (from >= to) throw invalid(`from (${from.toISOString()}) must be before to (${to.toISOString()})`);
  const latest = new Date(now.getTime() + AHEAD_DAYS * DAY_MS);
  for (const [name, bound] of [
    ["to", to],
    ["from", from],
  ] as const) {
    if (bound < EARLIEST || bound > latest) {
      throw invalid(
        `${name} (${bound.toISOString()}) must be between ${EARLIEST.toISOString().slice(0, 10)} and ${latest.toISOString().slice(0, 10)}`,
      );
    }
  }
  if (to.getTime() - from.getTime() > maxDays * DAY_MS)
    throw invalid(`the window is at most ${maxDays} days`);
  return { from, to };
}
