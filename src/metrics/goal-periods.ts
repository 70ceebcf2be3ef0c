/**
 * Goal periods: which [start, end) a weekly or monthly goal covers at an instant, in the person's
 * timezone. Pure (luxon does the calendar and DST arithmetic): a week starts Monday 00:00 local
 * time and a month on the 1st at 00:00, whatever the UTC offset does in between — a week across
 * a DST change is 167 or 169 hours long. Where local midnight does not exist (a zone that springs
 * forward at 00:00), the period starts at the first instant of that day.
 */
import { DateTime } from "luxon";
import { isValidTimezone } from "../util/time-zone.js";

import type { GoalWindow } from "../contract/enums.js";
export type CalendarWindow = Exclude<GoalWindow, "custom">;

export interface Period {
  start: Date;
  end: Date;
}

/** The weekly or monthly period of `zone` that contains `at`. */
export function periodContaining(window: CalendarWindow, zone: string, at: Date): Period {
  if (!isValidTimezone(zone)) throw new RangeError(`unknown timezone ${zone}`);
  const local = DateTime.fromJSDate(at, { zone });
  const unit = window === "weekly" ? "week" : "month";
  // luxon's weeks are ISO weeks: they start on Monday.
  const start = local.startOf(unit);
  const end = start.plus(window === "weekly" ? { weeks: 1 } : { months: 1 }).startOf("day");
  return { start: start.toJSDate(), end: end.toJSDate() };
}

/** The period after `period` (the next one starts where this one ends). */
export function nextPeriod(window: CalendarWindow, zone: string, period: Period): Period {
  return periodContaining(window, zone, period.end);
}

/** The local calendar day (YYYY-MM-DD) of `at` in `zone`. */
export function localDay(zone: string, at: Date): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() ?? "";
}

/**
 * A custom range in `zone`: ISO dates or date-times. A date alone starts at that day's midnight;
 * as the end, a date alone includes that day (the range ends at the next midnight).
 */
export function customPeriod(start: string, end: string, zone: string): Period {
  const parse = (text: string, name: string) => {
    const value = DateTime.fromISO(text, { zone });
    if (!value.isValid)
      throw new RangeError(`${name} ${JSON.stringify(text)} is not an ISO date or date-time`);
    return value;
  };
  const from = parse(start, "start");
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(end);
  const to = dateOnly ? parse(end, "end").plus({ days: 1 }).startOf("day") : parse(end, "end");
  if (to <= from) throw new RangeError(`end ${end} must be after start ${start}`);
  return { start: from.toJSDate(), end: to.toJSDate() };
}
