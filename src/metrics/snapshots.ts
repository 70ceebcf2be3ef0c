/**
 * Daily metric snapshots: for one UTC day, the 30-day metrics ending with it of every person
 * (their window read in their own zone) and of every tracked repository, upserted by
 * (subject, day) — running again the same day rewrites the day's rows, never adds rows.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../store/database.js";
import { metricSnapshots, repositories, users } from "../store/schema.js";
import { GhsyncError } from "../util/errors.js";
import { repoMetrics } from "./repo-metrics.js";
import { addDays } from "./time-zone.js";
import { userMetrics } from "./user-metrics.js";
import { DEFAULT_WINDOW_DAYS } from "./window.js";

export interface SnapshotResult {
  day: string;
  users: number;
  repositories: number;
}

async function save(
  db: Db,
  subjectType: "user" | "repository",
  subjectId: number,
  day: string,
  metrics: object,
) {
  await db
    .insert(metricSnapshots)
    .values({ subjectType, subjectId, day, metrics: metrics as Record<string, unknown> })
    .onConflictDoUpdate({
      target: [metricSnapshots.subjectType, metricSnapshots.subjectId, metricSnapshots.day],
      set: { metrics: sql`excluded.metrics`, computedAt: sql`now()` },
    });
}

/** Snapshots of `day` (YYYY-MM-DD, default: yesterday in UTC, the last complete day). */
export async function writeDailySnapshots(
  db: Db,
  options: { botLogins: string[]; day?: string; now?: Date },
): Promise<SnapshotResult> {
  const day = options.day ?? addDays((options.now ?? new Date()).toISOString().slice(0, 10), -1);
  const window = { from: addDays(day, 1 - DEFAULT_WINDOW_DAYS), to: day };
  // One subject that cannot be computed (a user's zone unknown to this runtime) does not keep the
  // others from their snapshot; the job then fails naming it.
  const failures: string[] = [];
  const attempt = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const people = await db.select({ id: users.id, login: users.login }).from(users).orderBy(users.id);
  for (const person of people) {
    await attempt(`user ${person.login}`, async () =>
      save(db, "user", person.id, day, await userMetrics(db, person.login, window, options)),
    );
  }
  const tracked = await db
    .select({ id: repositories.id, fullName: repositories.fullName })
    .from(repositories)
    .where(and(eq(repositories.tracked, true), isNull(repositories.deletedAt)))
    .orderBy(repositories.id);
  for (const repo of tracked) {
    await attempt(repo.fullName, async () =>
      save(db, "repository", repo.id, day, await repoMetrics(db, repo.fullName, window, options)),
    );
  }
  if (failures.length > 0) {
    throw new GhsyncError(
      "snapshot_failed",
      `metric snapshots of ${day} not written for ${failures.join("; ")}`,
    );
  }
  return { day, users: people.length, repositories: tracked.length };
}
