/**
 * The weekly activity series (`GET /api/metrics/activity`) on a hand-built mirror, on both
 * databases: the whole mirror, one repository, one person, and one person in one repository —
 * self-reviews, commits off the default branch and deleted repositories left out, weeks cut to
 * the window, medians of cycle and pickup time per week.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityMetrics } from "../../src/metrics/activity-metrics.js";
import type { Database } from "../../src/store/database.js";
import {
  accounts,
  commits,
  pullRequestReviews,
  pullRequests,
  repositories,
  userGithubAccounts,
  users,
} from "../../src/store/schema.js";
import { freshDatabase } from "../helpers/databases.js";

const at = (iso: string) => new Date(iso);
const [WEB, API, GONE] = [1, 2, 3];
const [ADA, BOB] = [101, 102];
const WINDOW = { from: "2026-03-02", to: "2026-03-15" };
const options = { botLogins: [], now: at("2026-03-30T12:00:00Z") };

const commit = (
  sha: string,
  repositoryId: number,
  authorId: number,
  when: string,
  onDefaultBranch = true,
) => ({
  repositoryId,
  sha,
  authorId,
  authoredAt: at(when),
  committedAt: at(when),
  onDefaultBranch,
});

const pull = (
  id: number,
  repositoryId: number,
  authorId: number,
  created: string,
  merged: string | null,
) => ({
  id,
  repositoryId,
  number: id,
  title: `PR ${id}`,
  authorId,
  state: merged ? "closed" : "open",
  merged: merged !== null,
  mergedAt: merged ? at(merged) : null,
  closedAt: merged ? at(merged) : null,
  createdAt: at(created),
  updatedAt: at(created),
});

const review = (id: number, pullRequestId: number, authorId: number, submitted: string) => ({
  id,
  pullRequestId,
  repositoryId: pullRequestId === 13 ? API : WEB,
  authorId,
  state: "APPROVED",
  submittedAt: at(submitted),
});

async function seed(database: Database) {
  const db = database.db;
  await db.insert(accounts).values([
    { id: ADA, login: "ada", type: "User" },
    { id: BOB, login: "bob", type: "User" },
  ]);
  await db.insert(repositories).values([
    { id: WEB, owner: "acme", name: "web", fullName: "acme/web", defaultBranch: "main" },
    { id: API, owner: "acme", name: "api", fullName: "acme/api", defaultBranch: "main" },
    {
      id: GONE,
      owner: "acme",
      name: "old",
      fullName: "acme/old",
      defaultBranch: "main",
      deletedAt: at("2026-03-01T00:00:00Z"),
    },
  ]);
  const [person] = await db.insert(users).values({ login: "ada-l" }).returning();
  await db.insert(userGithubAccounts).values({ userId: person?.id ?? 0, login: "ada", accountId: ADA });
  await db.insert(commits).values([
    commit("c1", WEB, ADA, "2026-03-03T10:00:00Z"),
    commit("c2", WEB, ADA, "2026-03-10T10:00:00Z"),
    commit("c3", API, ADA, "2026-03-10T11:00:00Z"),
    commit("c4", WEB, BOB, "2026-03-04T10:00:00Z"),
    commit("c5", WEB, ADA, "2026-03-04T10:00:00Z", false), // force-pushed away
    commit("c6", GONE, ADA, "2026-03-04T10:00:00Z"), // its repository was deleted
    commit("c7", WEB, ADA, "2026-03-16T10:00:00Z"), // after the window
  ]);
  await db
    .insert(pullRequests)
    .values([
      pull(11, WEB, ADA, "2026-03-02T09:00:00Z", "2026-03-04T09:00:00Z"),
      pull(12, WEB, BOB, "2026-03-09T09:00:00Z", "2026-03-10T09:00:00Z"),
      pull(13, API, ADA, "2026-03-11T09:00:00Z", null),
    ]);
  await db.insert(pullRequestReviews).values([
    review(21, 11, BOB, "2026-03-02T12:00:00Z"),
    review(22, 12, ADA, "2026-03-09T10:00:00Z"),
    review(23, 12, BOB, "2026-03-09T11:00:00Z"), // a self-review
  ]);
}

const week = (date: string, counts: Partial<Record<string, number | null>>) => ({
  week: date,
  commits: 0,
  prs_opened: 0,
  prs_merged: 0,
  reviews: 0,
  cycle_time_hours: null,
  pickup_time_hours: null,
  ...counts,
});

describe("weekly activity", () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
    await seed(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("counts the whole mirror per week, with the week's median cycle and pickup time", async () => {
    const report = await activityMetrics(database.db, WINDOW, options);
    expect(report).toMatchObject({ time_zone: "UTC", repository: null, user: null });
    expect(report.weeks).toEqual([
      week("2026-03-02", {
        commits: 2,
        prs_opened: 1,
        prs_merged: 1,
        reviews: 1,
        cycle_time_hours: 48,
        pickup_time_hours: 3,
      }),
      week("2026-03-09", {
        commits: 2,
        prs_opened: 2,
        prs_merged: 1,
        reviews: 1,
        cycle_time_hours: 24,
        pickup_time_hours: 1,
      }),
    ]);
  });

  it("narrows to one repository, one person, and one person in one repository", async () => {
    const api = await activityMetrics(database.db, { ...WINDOW, repo: "acme/api" }, options);
    expect(api.repository).toBe("acme/api");
    expect(api.weeks).toEqual([week("2026-03-02", {}), week("2026-03-09", { commits: 1, prs_opened: 1 })]);

    const ada = await activityMetrics(database.db, { ...WINDOW, user: "ada" }, options);
    expect(ada.user).toBe("ada-l");
    expect(ada.weeks).toEqual([
      week("2026-03-02", {
        commits: 1,
        prs_opened: 1,
        prs_merged: 1,
        cycle_time_hours: 48,
        pickup_time_hours: 3,
      }),
      week("2026-03-09", { commits: 2, prs_opened: 1, reviews: 1 }),
    ]);

    const adaOnWeb = await activityMetrics(
      database.db,
      { ...WINDOW, user: "ada-l", repo: "acme/web" },
      options,
    );
    expect(adaOnWeb.weeks.map((entry) => [entry.commits, entry.prs_opened, entry.reviews])).toEqual([
      [1, 1, 0],
      [1, 0, 1],
    ]);
  });

  it("cuts the first and last week to the window", async () => {
    const report = await activityMetrics(
      database.db,
      { from: "2026-03-04T00:00:00Z", to: "2026-03-10T10:30:00Z" },
      options,
    );
    // c1 (the 3rd) and c3 (10:00+1h on the 10th) fall outside; c4 and c2 inside.
    expect(report.weeks.map((entry) => [entry.week, entry.commits])).toEqual([
      ["2026-03-02", 1],
      ["2026-03-09", 1],
    ]);
  });

  it("says what is wrong with an unknown repository, person or an over-long window", async () => {
    await expect(activityMetrics(database.db, { repo: "acme/nope" }, options)).rejects.toMatchObject({
      status: 404,
    });
    await expect(activityMetrics(database.db, { user: "nobody" }, options)).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      activityMetrics(database.db, { from: "2025-01-01", to: "2026-03-01" }, options),
    ).rejects.toMatchObject({ code: "invalid_window", status: 400 });
  });
});
