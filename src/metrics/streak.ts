/** The current contribution streak: consecutive local days with a commit, ending today or yesterday. */
import { DateTime } from "luxon";

/**
 * `days`: distinct local days (YYYY-MM-DD) with a commit, in any order; `today`: the local day
 * now. A streak that ended yesterday is still current (today may not have its commit yet).
 */
export function currentStreak(days: readonly string[], today: string): number {
  const have = new Set(days);
  let day = DateTime.fromISO(today, { zone: "UTC" });
  if (!have.has(today)) day = day.minus({ days: 1 });
  let streak = 0;
  while (have.has(day.toISODate() ?? "")) {
    streak++;
    day = day.minus({ days: 1 });
  }
  return streak;
}
