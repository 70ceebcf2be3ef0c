/**
 * The UTC calendar of a DORA period: its ISO weeks (from Monday) and calendar months, each cut to
 * the period, and the UTC day of an instant (pure).
 */
import type { MetricWindow } from "./window.js";

const DAY_MS = 86_400_000;

export const utcDay = (instant: Date) => instant.toISOString().slice(0, 10);

export const within = (instant: Date, window: MetricWindow) => instant >= window.from && instant < window.to;

function mondayOf(instant: Date): Date {
  const day = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

const cut = (from: Date, to: Date, window: MetricWindow): MetricWindow => ({
  from: from > window.from ? from : window.from,
  to: to < window.to ? to : window.to,
});

/** The ISO weeks the period touches, each labelled by its Monday and cut to the period. */
export function weeksOf(window: MetricWindow): { week: string; window: MetricWindow }[] {
  const weeks = [];
  for (
    let monday = mondayOf(window.from);
    monday < window.to;
    monday = new Date(monday.getTime() + 7 * DAY_MS)
  )
    weeks.push({
      week: utcDay(monday),
      window: cut(monday, new Date(monday.getTime() + 7 * DAY_MS), window),
    });
  return weeks;
}

/** The calendar months the period touches, each cut to the period. */
export function monthsOf(window: MetricWindow): MetricWindow[] {
  const months = [];
  let start = new Date(Date.UTC(window.from.getUTCFullYear(), window.from.getUTCMonth(), 1));
  while (start < window.to) {
    const next = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    months.push(cut(start, next, window));
    start = next;
  }
  return months;
}

/** Period length in weeks (days / 7). */
export const weeksLong = (window: MetricWindow) =>
  (window.to.getTime() - window.from.getTime()) / (7 * DAY_MS);
