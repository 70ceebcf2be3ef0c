/**
 * Calendar days in a person's time zone, with the platform's IANA data (Intl) — no offsets by
 * hand, so a DST change or a +05:45 zone lands each instant on the day the person lived it.
 * Days are `YYYY-MM-DD` keys; arithmetic on keys is plain calendar arithmetic (no zone involved).
 */
import { GhsyncError } from "../util/errors.js";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a 400 naming the zone when it is not an IANA zone this runtime knows. */
export function checkTimeZone(timeZone: string): string {
  try {
    formatterFor(timeZone);
    return timeZone;
  } catch {
    throw new GhsyncError(
      "invalid_time_zone",
      `unknown time zone "${timeZone}": use an IANA name like Europe/Paris`,
      {
        status: 400,
      },
    );
  }
}

/** The calendar day (YYYY-MM-DD) of `instant` in `timeZone`. */
export function dayKey(instant: Date, timeZone: string): string {
  return formatterFor(timeZone).format(instant);
}

/** `day` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Monday (ISO week start) of the week holding `day`. */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetMs(instant: number, timeZone: string): number {
  let formatter = clockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    clockFormatters.set(timeZone, formatter);
  }
  const part = (type: string) =>
    Number(formatter.formatToParts(new Date(instant)).find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
    part("second"),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant `day` begins in `timeZone` (local midnight). */
export function startOfDay(day: string, timeZone: string): Date {
  const wallMidnight = Date.parse(`${day}T00:00:00Z`);
  let instant = wallMidnight - offsetMs(wallMidnight, timeZone);
  // Across a DST change the offset at the guess differs from the one at midnight: correct once.
  instant = wallMidnight - offsetMs(instant, timeZone);
  return new Date(instant);
}
