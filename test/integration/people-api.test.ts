/**
 * People, goals and the public profile through the HTTP API on both databases: the status codes
 * and messages a client relies on (201, 409 for a taken account, 400 naming a bad timezone, 404),
 * lists as `{items, next_cursor}`, links resolved from the mirror, and a public profile that shows
 * public-repository data only, hides private people and is rate-limited per client (429).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Goal as GoalView } from "../../src/contract/goals.js";
import type { PublicProfile } from "../../src/metrics/public-profile.js";
import { accounts, commits, repositories } from "../../src/store/schema.js";
import { upsertRows } from "../../src/store/upsert.js";
import type { Person as UserView } from "../../src/contract/people.js";
import { startTestServer, type TestServer } from "../helpers/server-harness.js";

describe("people and goals API", () => {
  let server: TestServer;
  const post = (path: string, body: unknown) =>
    server.api(path, { method: "POST", body: JSON.stringify(body) });
  const patch = (path: string, body: unknown) =>
    server.api(path, { method: "PATCH", body: JSON.stringify(body) });

  beforeAll(async () => {
    server = await startTestServer({ GHSYNC_PUBLIC_RATE_LIMIT: "4" });
    const db = server.database.db;
    await upsertRows(db, accounts, [{ id: 7, login: "Octo-Cat", type: "User" }], { key: [accounts.id] });
    const repo = (id: number, name: string, isPrivate: boolean) => ({
      id,
      owner: "acme",
      name,
      fullName: `acme/${name}`,
      private: isPrivate,
      tracked: true,
      lastSyncedAt: new Date("2026-11-30T10:00:00Z"),
    });
    await upsertRows(db, repositories, [repo(1, "open", false), repo(2, "secret", true)], {
      key: [repositories.id],
    });
    const now = Date.now();
    const commit = (repositoryId: number, n: number) => ({
      repositoryId,
      sha: `${repositoryId}-${n}`.padStart(40, "0"),
      authorId: 7,
      authoredAt: new Date(now - n * 86_400_000),
    });
    // Public: today and the 2 days before (a 3-day streak), then 5 days ago. Private: 4 more.
    await upsertRows(
      db,
      commits,
      [0, 1, 2, 5].map((n) => commit(1, n)).concat([0, 1, 3, 4].map((n) => commit(2, n))),
      {
        key: [commits.repositoryId, commits.sha],
      },
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  it("creates, lists, changes and removes people", async () => {
    const created = await post("/api/users", { login: "ada", name: "Ada", timezone: "Europe/Berlin" });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      login: "ada",
      timezone: "Europe/Berlin",
      public: false,
      accounts: [],
    });
    expect((await post("/api/users", { login: "ADA" })).status).toBe(409);
    const badZone = await post("/api/users", { login: "bo", timezone: "Mars/Olympus" });
    expect(badZone.status).toBe(400);
    expect(((await badZone.json()) as { error: { message: string } }).error.message).toMatch(/Mars\/Olympus/);
    expect((await post("/api/users", { login: "bo" })).status).toBe(201);

    const first = (await (await server.api("/api/users?limit=1")).json()) as {
      items: UserView[];
      next_cursor: string;
    };
    expect(first.items.map((u) => u.login)).toEqual(["ada"]);
    const second = (await (await server.api(`/api/users?limit=1&cursor=${first.next_cursor}`)).json()) as {
      items: UserView[];
    };
    expect(second.items.map((u) => u.login)).toEqual(["bo"]);

    const changed = await patch("/api/users/bo", { public: true, commit_emails: ["Bo@Example.com"] });
    expect(await changed.json()).toMatchObject({
      public: true,
      commit_emails: ["bo@example.com"],
      notify_sync: true,
    });
    // Opting out of backfill announcements is the column notify/announce-sync.ts reads.
    expect(await (await patch("/api/users/bo", { notify_sync: false })).json()).toMatchObject({
      notify_sync: false,
    });
    expect((await patch("/api/users/bo", { timezone: "Nowhere" })).status).toBe(400);
    expect((await server.api("/api/users/bo", { method: "DELETE" })).status).toBe(204);
    expect((await server.api("/api/users/bo")).status).toBe(404);
    expect((await fetch(`${server.url}/api/users`)).status).toBe(401);
  });

  it("links accounts: resolved from the mirror when known, by login later, never to two people", async () => {
    const linked = await post("/api/users/ada/accounts", { login: "octo-cat" });
    expect(linked.status).toBe(201);
    expect(((await linked.json()) as UserView).accounts).toEqual([{ login: "Octo-Cat", account_id: 7 }]);
    expect((await post("/api/users/ada/accounts", { login: "octo-cat" })).status).toBe(200);
    expect((await post("/api/users/ada/accounts", { login: "not-mirrored-yet" })).status).toBe(201);
    await post("/api/users", { login: "cy" });
    const taken = await post("/api/users/cy/accounts", { login: "OCTO-CAT" });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: { message: string } }).error.message).toMatch(
      /already linked to user ada/,
    );
    const listed = (await (await server.api("/api/users/ada/accounts")).json()) as { items: unknown[] };
    expect(listed.items).toEqual([
      { login: "not-mirrored-yet", account_id: null },
      { login: "Octo-Cat", account_id: 7 },
    ]);
    expect((await server.api("/api/users/ada/accounts/not-mirrored-yet", { method: "DELETE" })).status).toBe(
      204,
    );
    expect((await server.api("/api/users/ada/accounts/not-mirrored-yet", { method: "DELETE" })).status).toBe(
      404,
    );
  });

  it("links a bot account with a warning that its activity never counts", async () => {
    await post("/api/users", { login: "dee" });
    const bot = await post("/api/users/dee/accounts", { login: "dependabot[bot]" });
    expect(bot.status).toBe(201);
    expect(((await bot.json()) as { warning: string | null }).warning).toBe(
      "dependabot[bot] is a bot account: its activity is never counted in dee's numbers or goals",
    );
    const person = await post("/api/users/dee/accounts", { login: "octo-dee" });
    expect(((await person.json()) as { warning: string | null }).warning).toBeNull();
  });

  it("refuses bad goals with a reason and answers goals with progress and last synced", async () => {
    expect(
      (await post("/api/goals", { user: "ada", metric: "commits", window: "weekly", target: 0 })).status,
    ).toBe(400);
    const unknown = await post("/api/goals", {
      user: "ada",
      metric: "commits",
      window: "weekly",
      target: 3,
      repository: "acme/nope",
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
      /acme\/nope is not in the mirror/,
    );
    expect(
      (await post("/api/goals", { user: "nobody", metric: "commits", window: "weekly", target: 3 })).status,
    ).toBe(404);

    const created = await post("/api/goals", {
      user: "ada",
      metric: "commits",
      window: "custom",
      start: "2020-01-01",
      end: "2100-01-01",
      target: 6,
    });
    expect(created.status).toBe(201);
    const goal = (await created.json()) as GoalView;
    expect(goal).toMatchObject({
      user: "ada",
      current: 8,
      target: 6,
      percent: 100,
      percent_uncapped: 133.3,
      manual: false,
      auto_synced: true,
      last_synced_at: "2026-11-30T10:00:00.000Z",
    });
    expect(goal.completed_at).not.toBeNull();
    const secret = await post("/api/goals", {
      user: "ada",
      metric: "commits",
      window: "monthly",
      target: 2,
      repository: "acme/secret",
    });
    expect(await secret.json()).toMatchObject({ repository: "acme/secret" });
    const listed = (await (await server.api("/api/goals?user=ada")).json()) as {
      items: GoalView[];
      next_cursor: null;
    };
    expect(listed.items.map((g) => g.id)).toContain(goal.id);
    const history = await server.api(`/api/goals/${goal.id}/history`);
    expect(await history.json()).toEqual({ items: [], next_cursor: null });
  });

  it("serves a public profile of public repositories only, 404 for private people, rate-limited", async () => {
    expect((await fetch(`${server.url}/api/public/ada`)).status).toBe(404); // ada is not public yet
    expect((await fetch(`${server.url}/api/public/nobody`)).status).toBe(404);
    await patch("/api/users/ada", { public: true });
    const response = await fetch(`${server.url}/api/public/ada`);
    expect(response.status).toBe(200);
    const profile = (await response.json()) as PublicProfile;
    expect(profile.totals.commits).toBe(4);
    expect(profile.streak.current_days).toBe(3);
    // The goal about the private repository is not shown; the all-time goal counts public rows.
    expect(profile.goals.map((g) => [g.repository, g.current])).toEqual([[null, 4]]);
    expect(JSON.stringify(profile)).not.toContain("secret");

    // The fourth request in a minute is the last one of the limit (4); the fifth is refused.
    expect((await fetch(`${server.url}/api/public/ada`)).status).toBe(200);
    const limited = await fetch(`${server.url}/api/public/ada`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited" } });
  });
});
