/**
 * Contribution streaks over calendar days (time-zone.ts): a run of consecutive days that each hold
 * at least one contribution. The current streak ends today, or yesterday when today has nothing
 * yet (the day is not over, so the streak is not broken). Streak freezes (seed 002): a person may
 * protect the current streak `freezesPerMonth` days a calendar month — a day without a contribution
 * inside the streak is bridged while that month has freezes left; bridged days do not count as
 * streak days. The longest streak counts contributions only.
 */
import { addDays } from "./time-zone.js";

export interface Streaks {
  current: number;
  /** Days without a contribution the current streak was protected on (freezes used), ascending. */
  frozen: string[];
  longest: number;
  /** Last day of the longest streak (the most recent one on a tie); null with no contributions. */
  longestEndedOn: string | null;
}

/** Distinct days, ascending. */
function sortedDays(days: Iterable<string>): string[] {
  return [...new Set(days)].sort();
}

export function streaks(days: Iterable<string>, today: string, freezesPerMonth = 0): Streaks {
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
  const { current, frozen } = currentWithFreezes(sorted, today, freezesPerMonth);
  return { current, frozen, longest, longestEndedOn };
}

/**
 * The current streak walking back from today (or yesterday, today not being over): a day without a
 * contribution is bridged while its month has freezes left and an earlier contribution day exists
 * to bridge to; a freeze is never spent on the gap before the streak began.
 */
function currentWithFreezes(
  sorted: readonly string[],
  today: string,
  freezesPerMonth: number,
): { current: number; frozen: string[] } {
  const have = new Set(sorted);
  const first = sorted[0];
  if (first === undefined) return { current: 0, frozen: [] };
  const used = new Map<string, number>();
  let day = have.has(today) ? today : addDays(today, -1);
  let current = 0;
  const bridged: string[] = [];
  const frozen: string[] = [];
  while (day >= first) {
    if (have.has(day)) {
      current++;
      // The days bridged so far lead to this contribution: they count as protected.
      frozen.push(...bridged.splice(0));
    } else {
      const month = day.slice(0, 7);
      if ((used.get(month) ?? 0) >= freezesPerMonth) break;
      used.set(month, (used.get(month) ?? 0) + 1);
      bridged.push(day);
    }
    day = addDays(day, -1);
  }
  return { current, frozen: frozen.sort() };
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
