/**
 * Period rollover with an injected clock, on both databases: an ended weekly period goes to
 * goal_history with the count of its own window (and a period that passed while nothing ran gets
 * its row too), the goal moves to the period containing now, a second rollover changes nothing,
 * a manual goal starts again from 0 and a custom goal ends.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeGoal, createGoal } from "../../src/app/goal-changes.js";
import { countMetric } from "../../src/metrics/goal-progress.js";
import { rollOverGoals } from "../../src/metrics/goal-rollover.js";
import type { Database } from "../../src/store/database.js";
import { findGoal, historyOf } from "../../src/store/goals.js";
import { upsertRows } from "../../src/store/upsert.js";
import { accounts, commits, repositories } from "../../src/store/schema.js";
import { createUser, linkAccount } from "../../src/store/users.js";
import { freshDatabase } from "../helpers/databases.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { goalView } from "../../src/metrics/goal-view.js";

const DAY = 86_400_000;

describe("goal period rollover", () => {
  let database: Database;
  let clock = new Date("2026-11-04T12:00:00Z"); // a Wednesday
  const env = () => ({ db: database.db, botLogins: [], now: () => clock });

  beforeAll(async () => {
    database = await freshDatabase();
    const db = database.db;
    await upsertRows(db, accounts, [{ id: 501, login: "robin", type: "User" }], { key: [accounts.id] });
    await upsertRows(
      db,
      repositories,
      [{ id: 9001, owner: "acme", name: "api", fullName: "acme/api", tracked: true, defaultBranch: "main" }],
      { key: [repositories.id] },
    );
    // One commit a day from 1 to 20 November, at noon UTC.
    const rows = Array.from({ length: 20 }, (_, i) => ({
      repositoryId: 9001,
      sha: String(i).padStart(40, "0"),
      authorId: 501,
      authoredAt: new Date(Date.UTC(2026, 10, 1 + i, 12)),
      committedAt: new Date(Date.UTC(2026, 10, 1 + i, 12)),
    }));
    await upsertRows(db, commits, rows, { key: [commits.repositoryId, commits.sha] });
    const user = await createUser(db, "robin", { timezone: "Europe/Berlin" });
    await linkAccount(db, user, "robin");
  });
  afterAll(async () => {
    await database?.close();
  });

  it("writes each ended period's result once and moves weekly, manual and custom goals on", async () => {
    const weekly = await createGoal(env(), { user: "robin", metric: "commits", window: "weekly", target: 7 });
    const manual = await createGoal(env(), { user: "robin", metric: "manual", window: "monthly", target: 5 });
    await changeGoal(env(), manual.goal.id, { current: 3 });
    const custom = await createGoal(env(), {
      user: "robin",
      metric: "commits",
      window: "custom",
      start: "2026-11-01",
      end: "2026-11-10",
      target: 3,
    });
    expect(weekly.goal.periodStart.toISOString()).toBe("2026-11-01T23:00:00.000Z"); // Monday 00:00 CET

    // Four weeks later (2 December), nothing having run in between.
    clock = new Date(clock.getTime() + 28 * DAY);
    expect(await rollOverGoals(env())).toEqual({ closed: 6, ended: 1 });
    expect(await rollOverGoals(env())).toEqual({ closed: 0, ended: 0 });

    const history = await historyOf(database.db, weekly.goal.id);
    expect(history.map((h) => [h.periodStart.toISOString(), h.current])).toEqual([
      ["2026-11-22T23:00:00.000Z", 0],
      ["2026-11-15T23:00:00.000Z", 5],
      ["2026-11-08T23:00:00.000Z", 7],
      ["2026-11-01T23:00:00.000Z", 7],
    ]);
    for (const h of history) {
      const count = await countMetric(database.db, "commits", {
        userId: weekly.goal.userId,
        start: h.periodStart,
        end: h.periodEnd,
        repositoryId: null,
        publicOnly: false,
        botLogins: [],
      });
      expect(h.current).toBe(count);
      expect(h.completedAt !== null).toBe(count >= 7);
    }
    const moved = await findGoal(database.db, weekly.goal.id);
    expect(moved?.goal.periodStart.toISOString()).toBe("2026-11-29T23:00:00.000Z");
    expect(moved?.goal.completedAt).toBeNull();

    const [november] = await historyOf(database.db, manual.goal.id);
    expect(november).toMatchObject({ current: 3, target: 5, completedAt: null });
    expect((await findGoal(database.db, manual.goal.id))?.goal).toMatchObject({ current: 0 });

    const ended = await findGoal(database.db, custom.goal.id);
    expect(ended?.goal.endedAt).not.toBeNull();
    expect((await historyOf(database.db, custom.goal.id)).map((h) => h.current)).toEqual([10]);
  });

  it("shows a period over as over at that moment, before the rollover has run (issue 19)", async () => {
    // The fake clock stands at Sunday 8 November, 23:59:59 in Berlin: the week of 2 November.
    const fake = new FakeClock(Date.parse("2026-11-08T22:59:59Z"));
    const at = () => ({ db: database.db, botLogins: [], now: () => new Date(fake.now()) });
    const weekly = await createGoal(at(), { user: "robin", metric: "commits", window: "weekly", target: 7 });
    const manual = await createGoal(at(), { user: "robin", metric: "manual", window: "weekly", target: 2 });
    await changeGoal(at(), manual.goal.id, { current: 2 });
    const custom = await createGoal(at(), {
      user: "robin",
      metric: "commits",
      window: "custom",
      start: "2026-11-03",
      end: "2026-11-08",
      target: 3,
    });
    const before = await goalView(at(), weekly);
    expect(before).toMatchObject({ period_start: "2026-11-01T23:00:00.000Z", current: 7, ended_at: null });
    expect((await goalView(at(), custom)).ended_at).toBeNull();

    await fake.sleep(1_000); // Monday 00:00:00: no rollover has run (it runs every 15 minutes)
    const records = async () => ({
      weekly: (await findGoal(database.db, weekly.goal.id))!,
      manual: (await findGoal(database.db, manual.goal.id))!,
      custom: (await findGoal(database.db, custom.goal.id))!,
    });
    const stored = await records();
    expect(stored.weekly.goal.periodStart.toISOString()).toBe("2026-11-01T23:00:00.000Z");
    // The week of 9 November, at once, counted over its own days (the mirror's commits of 9–15 November).
    expect(await goalView(at(), stored.weekly)).toMatchObject({
      period_start: "2026-11-08T23:00:00.000Z",
      period_end: "2026-11-15T23:00:00.000Z",
      current: 7,
      completed_at: null,
      ended_at: null,
    });
    expect(await goalView(at(), stored.manual)).toMatchObject({ current: 0, percent: 0, completed_at: null });
    // The custom goal ended at its end (midnight of 9 November in Berlin), not at the next rollover.
    expect((await goalView(at(), stored.custom)).ended_at).toBe("2026-11-08T23:00:00.000Z");

    // The rollover, when it runs, agrees with what was shown.
    await fake.sleep(14 * 60_000);
    expect(await rollOverGoals(at())).toMatchObject({ ended: 1 });
    const rolled = await records();
    expect(rolled.weekly.goal.periodStart.toISOString()).toBe("2026-11-08T23:00:00.000Z");
    expect(rolled.manual.goal.current).toBe(0);
  });
});
