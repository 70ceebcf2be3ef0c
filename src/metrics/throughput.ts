/**
 * Throughput: merged pull requests per ISO week (Monday to Sunday in the subject's time zone),
 * one entry for every week that overlaps [from, to) — weeks with nothing merged count 0.
 */
import { addDays, dayKey, weekStart } from "./time-zone.js";

export interface WeekCount {
  /** The Monday, YYYY-MM-DD. */
  week: string;
  merged: number;
}

export function weeklyThroughput(
  mergedAt: Iterable<Date>,
  from: Date,
  to: Date,
  timeZone: string,
): WeekCount[] {
  const counts = new Map<string, number>();
  const firstWeek = weekStart(dayKey(from, timeZone));
  // `to` is exclusive: the last instant inside the window decides the last week.
  const lastWeek = weekStart(dayKey(new Date(to.getTime() - 1), timeZone));
  for (let week = firstWeek; week <= lastWeek; week = addDays(week, 7)) counts.set(week, 0);
  for (const instant of mergedAt) {
    if (instant < from || instant >= to) continue;
    const week = weekStart(dayKey(instant, timeZone));
    counts.set(week, (counts.get(week) ?? 0) + 1);
  }
  return [...counts].map(([week, merged]) => ({ week, merged }));
}
