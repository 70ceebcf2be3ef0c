/**
 * The daily snapshot job on both databases: one row per (subject, day), rewritten — not
 * duplicated — when the job runs again, each holding the 30-day metrics ending that day; every
 * run is recorded in sync_jobs like the other maintenance jobs.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMetricSnapshotsJob } from "../../src/jobs/metric-snapshots-job.js";
import { writeDailySnapshots } from "../../src/metrics/snapshots.js";
import { userMetrics } from "../../src/metrics/user-metrics.js";
import type { Database } from "../../src/store/database.js";
import {
  accounts,
  commits,
  metricSnapshots,
  repositories,
  syncJobs,
  userGithubAccounts,
  users,
} from "../../src/store/schema.js";
import { freshDatabase } from "../helpers/databases.js";
import { silentLog } from "../helpers/sync-harness.js";

describe("metric snapshots", () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
    const db = database.db;
    await db.insert(accounts).values({ id: 1, login: "ada", type: "User" });
    await db.insert(repositories).values({
      id: 10,
      owner: "acme",
      name: "web",
      fullName: "acme/web",
      defaultBranch: "main",
      tracked: true,
    });
    await db
      .insert(repositories)
      .values({ id: 11, owner: "acme", name: "old", fullName: "acme/old", defaultBranch: "main" });
    const [person] = await db.insert(users).values({ login: "ada" }).returning();
    await db.insert(userGithubAccounts).values({ userId: person?.id ?? 0, login: "ada", accountId: 1 });
    const day = (offset: number) => new Date(Date.now() - offset * 86_400_000);
    await db.insert(commits).values(
      [1, 2, 3].map((offset) => ({
        repositoryId: 10,
        sha: `sha${offset}`,
        authorId: 1,
        authoredAt: day(offset),
        committedAt: day(offset),
      })),
    );
  });
  afterAll(async () => {
    await database?.close();
  });

  it("writes yesterday's snapshot of each person and tracked repository, once per day however often it runs", async () => {
    const env = { database, log: silentLog, worker: "test:1" };
    await runMetricSnapshotsJob(env, [], "queue-job-1", undefined);
    await runMetricSnapshotsJob(env, [], "queue-job-2", undefined);
    const rows = await database.db.select().from(metricSnapshots).orderBy(metricSnapshots.subjectType);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(rows.map((row) => [row.subjectType, row.subjectId, row.day])).toEqual([
      ["repository", 10, yesterday],
      ["user", rows[1]?.subjectId, yesterday],
    ]);
    const expected = await userMetrics(
      database.db,
      "ada",
      { from: undefined, to: yesterday },
      { botLogins: [] },
    );
    expect(rows[1]?.metrics).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(rows[1]?.metrics).toMatchObject({ commits: 3 });
    const jobs = await database.db.select().from(syncJobs).where(eq(syncJobs.type, "metric_snapshots"));
    expect(jobs.map((job) => job.status)).toEqual(["completed", "completed"]);
  });

  it("writes every other subject when one cannot be computed, then fails naming it", async () => {
    const [broken] = await database.db
      .insert(users)
      .values({ login: "mars", timezone: "Mars/Olympus" })
      .returning();
    await expect(writeDailySnapshots(database.db, { botLogins: [], day: "2026-01-14" })).rejects.toThrow(
      /not written for user mars: unknown time zone "Mars\/Olympus"/,
    );
    const written = await database.db
      .select()
      .from(metricSnapshots)
      .where(eq(metricSnapshots.day, "2026-01-14"));
    expect(written.map((row) => row.subjectType).sort()).toEqual(["repository", "user"]);
    await database.db.delete(users).where(eq(users.id, broken?.id ?? 0));
  });

  it("writes the day asked for as a new row, keeping earlier days", async () => {
    await writeDailySnapshots(database.db, { botLogins: [], day: "2026-01-15" });
    const days = await database.db.select({ day: metricSnapshots.day }).from(metricSnapshots);
    expect(new Set(days.map((row) => row.day)).size).toBe(3);
    expect(days).toHaveLength(6);
  });
});
