/**
 * The time window of a metrics query, `[from, to)`. A date (`2026-03-01`) is a whole day in the
 * subject's time zone — `from` its start, `to` its end, so both ends are included; a date-time
 * (`2026-03-01T12:00:00Z`) is that instant, `to` excluded. Default: the 30 days up to now.
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

function parseBound(value: string, name: string, timeZone: string, end: boolean): Date {
  if (DATE_ONLY.test(value) && !Number.isNaN(Date.parse(value))) {
    return startOfDay(end ? addDays(value, 1) : value, timeZone);
  }
  const instant = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(instant.getTime())) {
    throw new GhsyncError(
      "invalid_window",
      `${name} "${value}" is not a date (2026-03-01) or an ISO date-time (2026-03-01T12:00:00Z)`,
      { status: 400 },
    );
  }
  return instant;
}

export function parseWindow(query: WindowQuery, timeZone: string, now: Date): MetricWindow {
  const to = query.to === undefined ? now : parseBound(query.to, "to", timeZone, true);
  const from =
    query.from === undefined
      ? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS)
      : parseBound(query.from, "from", timeZone, false);
  if (from >= to) {
    throw new GhsyncError(
      "invalid_window",
      `from (${from.toISOString()}) must be before to (${to.toISOString()})`,
      {
        status: 400,
      },
    );
  }
  return { from, to };
}
