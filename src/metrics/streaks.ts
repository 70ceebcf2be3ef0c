/**
 * Contribution streaks over calendar days (time-zone.ts): a run of consecutive days that each hold
 * at least one contribution. The current streak ends today, or yesterday when today has nothing
 * yet (the day is not over, so the streak is not broken).
 */
import { addDays } from "./time-zone.js";

export interface Streaks {
  current: number;
  longest: number;
  /** Last day of the longest streak (the most recent one on a tie); null with no contributions. */
  longestEndedOn: string | null;
}

/** Distinct days, ascending. */
function sortedDays(days: Iterable<string>): string[] {
  return [...new Set(days)].sort();
}

export function streaks(days: Iterable<string>, today: string): Streaks {
  const sorted = sortedDays(days).filter((day) => day <= today);
  let longest = 0;
  let longestEndedOn: string | null = null;
  let run = 0;
  let previous: string | null = null;
  for (const day of sorted) {
    run = previous !== null && addDays(previous, 1) === day ? run + 1 : 1;
    if (run >= longest) {
      longest = run;
      longestEndedOn = day;
    }
    previous = day;
  }
  const last = sorted.at(-1);
  const alive = last === today || (last !== undefined && addDays(last, 1) === today);
  return { current: alive ? run : 0, longest, longestEndedOn };
}

/** The first day on which a streak reached `length` days, or null if none did. */
export function streakReachedOn(days: Iterable<string>, length: number): string | null {
  let run = 0;
  let previous: string | null = null;
  for (const day of sortedDays(days)) {
    run = previous !== null && addDays(previous, 1) === day ? run + 1 : 1;
    if (run >= length) return day;
    previous = day;
  }
  return null;
}
