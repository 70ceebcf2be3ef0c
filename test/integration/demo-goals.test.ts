/** The demo's goals keep moving (issue 19): a reached goal gets a higher target, then fills again. */
import { afterAll, describe, expect, it } from "vitest";
import type { Goal } from "../../src/contract/goals.js";
import { nextDemoTarget, raiseReachedGoals } from "../../src/cli/demo-goals.js";
import { API_TOKEN, startTestServer, type TestServer } from "../helpers/server-harness.js";

let server: TestServer | undefined;
afterAll(async () => {
  await server?.close();
});

describe("the demo's goals", () => {
  it("picks a higher target only for a goal reached and not ended", () => {
    const goal = { metric: "commits" as const, current: 5, target: 5, ended_at: null };
    expect(nextDemoTarget(goal)).toBe(8);
    expect(nextDemoTarget({ ...goal, metric: "pull_requests_merged", current: 4, target: 3 })).toBe(6);
    expect(nextDemoTarget({ ...goal, current: 4 })).toBeNull();
    expect(nextDemoTarget({ ...goal, ended_at: "2026-12-01T00:00:00.000Z" })).toBeNull();
  });

  it("raises a reached goal through the API, and it is to reach again", async () => {
    server = await startTestServer({});
    const api = server.api;
    await api("/api/users", { method: "POST", body: JSON.stringify({ login: "demo", timezone: "UTC" }) });
    const created = (await (
      await api("/api/goals", {
        method: "POST",
        body: JSON.stringify({ user: "demo", metric: "manual", window: "weekly", target: 2 }),
      })
    ).json()) as Goal;
    expect(await raiseReachedGoals(server.url, API_TOKEN, "demo")).toBe(0);
    await api(`/api/goals/${created.id}`, { method: "PATCH", body: JSON.stringify({ current: 2 }) });
    expect(await raiseReachedGoals(server.url, API_TOKEN, "demo")).toBe(1);
    const raised = (await (await api(`/api/goals/${created.id}`)).json()) as Goal;
    expect(raised).toMatchObject({ current: 2, target: 4, completed_at: null, title: "4 points weekly" });
    expect(await raiseReachedGoals(server.url, API_TOKEN, "demo")).toBe(0);
  });
});
