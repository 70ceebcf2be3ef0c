/**
 * Goals as people see them change (issue 19's defects): a generated title follows an edited
 * target while a written one stays; a goal set for a period already over is evaluated without a
 * "Goal reached" notification; a custom goal shows as ended from the moment its period ends, not
 * from the next rollover.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { addGoal, setGoal, showGoal } from "../../src/app/goals.js";
import type { Database } from "../../src/store/database.js";
import { queryRows } from "../../src/store/raw-query.js";
import { upsertRows } from "../../src/store/upsert.js";
import { accounts, commits, repositories } from "../../src/store/schema.js";
import { createUser, linkAccount } from "../../src/store/users.js";
import { freshDatabase } from "../helpers/databases.js";

describe("goal edits and ends", () => {
  let database: Database;
  let clock = new Date("2026-11-20T12:00:00Z");
  const env = () => ({ db: database.db, botLogins: [], now: () => clock });
  const notifications = async (goalId: number) =>
    queryRows<{ kind: string }>(
      database.db,
      sql`select kind from notifications where (data->>'goal_id')::bigint = ${goalId} order by id`,
    );

  beforeAll(async () => {
    database = await freshDatabase();
    const db = database.db;
    await upsertRows(db, accounts, [{ id: 601, login: "sam", type: "User" }], { key: [accounts.id] });
    await upsertRows(
      db,
      repositories,
      [{ id: 9101, owner: "acme", name: "web", fullName: "acme/web", tracked: true, defaultBranch: "main" }],
      { key: [repositories.id] },
    );
    // One commit a day from 1 to 10 November.
    const rows = Array.from({ length: 10 }, (_, i) => ({
      repositoryId: 9101,
      sha: String(i).padStart(40, "1"),
      authorId: 601,
      authoredAt: new Date(Date.UTC(2026, 10, 1 + i, 12)),
      committedAt: new Date(Date.UTC(2026, 10, 1 + i, 12)),
    }));
    await upsertRows(db, commits, rows, { key: [commits.repositoryId, commits.sha] });
    await linkAccount(db, await createUser(db, "sam", { timezone: "UTC" }), "sam");
  });
  afterAll(async () => {
    await database?.close();
  });

  it("regenerates a generated title when the target changes, and keeps a written one", async () => {
    const generated = await addGoal(env(), { user: "sam", metric: "commits", window: "monthly", target: 4 });
    expect(generated.title).toBe("4 commits monthly");
    expect((await setGoal(env(), generated.id, { target: 6 })).title).toBe("6 commits monthly");

    const written = await addGoal(env(), {
      user: "sam",
      title: "Ship the billing fix",
      metric: "commits",
      window: "monthly",
      target: 4,
    });
    expect((await setGoal(env(), written.id, { target: 6 })).title).toBe("Ship the billing fix");
  });

  it("evaluates a goal for a period already over without announcing it reached", async () => {
    const past = await addGoal(env(), {
      user: "sam",
      metric: "commits",
      window: "custom",
      start: "2026-11-01",
      end: "2026-11-05",
      target: 3,
    });
    expect(past.current).toBe(5); // 1 to 5 November, both included
    expect(past.completed_at).toBe("2026-11-06T00:00:00.000Z");
    expect(await notifications(past.id)).toEqual([]);
  });

  it("shows a custom goal ended as soon as its period ends", async () => {
    const running = await addGoal(env(), {
      user: "sam",
      metric: "commits",
      window: "custom",
      start: "2026-11-15",
      end: "2026-11-21",
      target: 50,
    });
    expect(running.ended_at).toBeNull();
    clock = new Date("2026-11-22T00:00:01Z");
    expect((await showGoal(env(), running.id)).ended_at).toBe("2026-11-22T00:00:00.000Z");
  });
});
