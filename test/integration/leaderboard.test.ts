/**
 * Seed asks (issue 19): the opt-in public leaderboard, and streak freezes — a person protects a
 * streak N days a month, set through the API and seen in their metrics and on the leaderboard.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Leaderboard } from "../../src/contract/metrics.js";
import { accounts, commits, repositories } from "../../src/store/schema.js";
import { upsertRows } from "../../src/store/upsert.js";
import { startTestServer, type TestServer } from "../helpers/server-harness.js";

const DAY = 86_400_000;
/** Noon UTC `n` days before today (UTC). */
const daysAgo = (n: number) => {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 12) - n * DAY);
};
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

describe("leaderboard and streak freezes", () => {
  let server: TestServer;
  const post = (path: string, body: unknown, method = "POST") =>
    server.api(path, { method, body: JSON.stringify(body) });

  beforeAll(async () => {
    server = await startTestServer({});
    const db = server.database.db;
    await upsertRows(
      db,
      accounts,
      [
        { id: 601, login: "ann", type: "User" },
        { id: 602, login: "bob", type: "User" },
        { id: 603, login: "cy", type: "User" },
      ],
      { key: [accounts.id] },
    );
    await upsertRows(
      db,
      repositories,
      [
        {
          id: 9101,
          owner: "acme",
          name: "open",
          fullName: "acme/open",
          tracked: true,
          defaultBranch: "main",
        },
        {
          id: 9102,
          owner: "acme",
          name: "closed",
          fullName: "acme/closed",
          tracked: true,
          private: true,
          defaultBranch: "main",
        },
      ],
      { key: [repositories.id] },
    );
    let sha = 0;
    const commit = (repositoryId: number, authorId: number, ago: number) => ({
      repositoryId,
      sha: String(++sha).padStart(40, "0"),
      authorId,
      authoredAt: daysAgo(ago),
      committedAt: daysAgo(ago),
    });
    await upsertRows(
      db,
      commits,
      [
        // ann: yesterday, the day before, and two days before a missed day; one commit 40 days ago.
        ...[1, 2, 4, 5, 40].map((ago) => commit(9101, 601, ago)),
        // bob: one public commit, five private ones (they never count in public).
        commit(9101, 602, 1),
        ...[1, 2, 3, 4, 5].map((ago) => commit(9102, 602, ago)),
        // cy: the most commits, but not on the leaderboard.
        ...[1, 2, 3, 4, 5, 6, 7].map((ago) => commit(9101, 603, ago)),
      ],
      { key: [commits.repositoryId, commits.sha] },
    );
    for (const [login, leaderboard] of [
      ["ann", true],
      ["bob", true],
      ["cy", false],
    ] as const) {
      expect((await post("/api/users", { login, timezone: "UTC", public: true, leaderboard })).status).toBe(
        201,
      );
      expect((await post(`/api/users/${login}/accounts`, { login })).status).toBe(201);
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it("lists only public people who opted in, ranked by their public commits of the last 30 days", async () => {
    const open = await fetch(`${server.url}/api/public/leaderboard`);
    expect(open.status).toBe(200);
    const board = (await open.json()) as Leaderboard;
    expect(board.items).toEqual([
      { rank: 1, login: "ann", name: null, commits: 4, pull_requests_merged: 0, streak_days: 2 },
      { rank: 1 + 1, login: "bob", name: null, commits: 1, pull_requests_merged: 0, streak_days: 1 },
    ]);
    // Opting out (or not being public) takes a person off at once.
    await post("/api/users/bob", { leaderboard: false }, "PATCH");
    const after = (await (await fetch(`${server.url}/api/public/leaderboard`)).json()) as Leaderboard;
    expect(after.items.map((item) => item.login)).toEqual(["ann"]);
  });

  it("protects a streak on a missed day with a freeze, in the metrics and on the leaderboard", async () => {
    const person = await (await post("/api/users/ann", { streak_freezes: 1 }, "PATCH")).json();
    expect(person).toMatchObject({ streak_freezes: 1, leaderboard: true });
    const report = (await (await server.api("/api/metrics/users/ann")).json()) as {
      streak: { current: number; frozen_days: string[] };
    };
    // Yesterday, the day before, (the missed day, frozen), and the two days before it.
    expect(report.streak).toMatchObject({ current: 4, frozen_days: [dayOf(daysAgo(3))] });
    const board = (await (await fetch(`${server.url}/api/public/leaderboard`)).json()) as Leaderboard;
    expect(board.items[0]).toMatchObject({ login: "ann", streak_days: 4 });
    const profile = (await (await fetch(`${server.url}/api/public/ann`)).json()) as {
      streak: { current_days: number; frozen_days: string[] };
    };
    expect(profile.streak).toMatchObject({ current_days: 4, frozen_days: [dayOf(daysAgo(3))] });
    expect((await post("/api/users/ann", { streak_freezes: 40 }, "PATCH")).status).toBe(400);
  });
});
