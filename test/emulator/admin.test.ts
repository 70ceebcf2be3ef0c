/**
 * Admin mutations are reflected by the API the way GitHub reflects activity: new commits on top,
 * merges with a squash commit, force-pushes, reviews and comments moving updated_at, renames and
 * transfers answering 301, deleted issues 410, deleted repositories 404. Also over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { get, record, records, walk } from "./helpers.js";

let emu: RunningEmulator;
let wall = Date.parse("2025-02-01T09:00:00Z");
/** Advances emulator time so every change gets a later timestamp. */
const tick = (seconds = 60) => (wall += seconds * 1000);

async function admin(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${emu.url}/_emulator${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: "admin", repos: 4, clock: () => wall });
});

afterAll(async () => {
  await emu.close();
});

describe("admin mutations", () => {
  it("new commits appear first, with their author; an unknown email gives author null", async () => {
    tick();
    const added = await admin("POST", "/repos/acme/web/commits", {
      count: 2,
      author: "alice-chen",
      message: "Ship it",
    });
    expect(added.status).toBe(200);
    tick();
    emu.admin.addCommits("acme/web", { author: "Night Build <nightly@ci.invalid>" });
    const commits = records((await get(emu.url, "/repos/acme/web/commits?per_page=3")).body);
    expect(commits[0]?.author).toBeNull();
    expect(record(record(commits[0]?.commit).author).email).toBe("nightly@ci.invalid");
    expect(record(commits[1]?.author).login).toBe("alice-chen");
    expect(record(commits[1]?.commit).message).toBe("Ship it");
    expect(records(commits[0]?.parents)[0]?.sha).toBe(commits[1]?.sha);
    const repo = record((await get(emu.url, "/repos/acme/web")).body);
    expect(repo.pushed_at).toBe(record(record(commits[0]?.commit).committer).date);
  });

  it("force-push removes commits from the branch list; they stay reachable by sha", async () => {
    tick();
    const before = emu.admin.commits("acme/web");
    const result = emu.admin.forcePush("acme/web", { drop: 3, add: 1 });
    expect(result.removed).toEqual(
      before
        .slice(0, 3)
        .map((commit) => commit.sha)
        .reverse(),
    );
    const listed = (await walk(emu.url, "/repos/acme/web/commits?per_page=100")).items.map(
      (commit) => commit.sha,
    );
    expect(listed[0]).toBe(result.added[0]?.sha);
    for (const sha of result.removed) expect(listed).not.toContain(sha);
    expect(listed).toHaveLength(before.length - 2);
    expect((await get(emu.url, `/repos/acme/web/commits/${result.removed[0] ?? ""}`)).status).toBe(200);
  });

  it("open → review → merge: updated_at moves, merged fields set, squash commit on main", async () => {
    tick();
    const opened = await admin("POST", "/repos/acme/web/pulls", {
      title: "Add dark mode",
      author: "bkowalski",
    });
    const number = Number(record(opened.body).number);
    const created = record((await get(emu.url, `/repos/acme/web/pulls/${number}`)).body);
    expect(created.state).toBe("open");
    tick();
    await admin("POST", `/repos/acme/web/pulls/${number}/reviews`, {
      state: "APPROVED",
      author: "carol-ops",
    });
    const reviewed = record((await get(emu.url, `/repos/acme/web/pulls/${number}`)).body);
    expect(Date.parse(String(reviewed.updated_at))).toBeGreaterThan(Date.parse(String(created.updated_at)));
    const reviews = records((await get(emu.url, `/repos/acme/web/pulls/${number}/reviews`)).body);
    expect(reviews.map((review) => [review.state, record(review.user).login])).toEqual([
      ["APPROVED", "carol-ops"],
    ]);
    tick();
    const merged = await admin("POST", `/repos/acme/web/pulls/${number}/merge`, { by: "carol-ops" });
    expect(merged.status).toBe(200);
    const pull = record((await get(emu.url, `/repos/acme/web/pulls/${number}`)).body);
    expect([pull.state, pull.merged, record(pull.merged_by).login]).toEqual(["closed", true, "carol-ops"]);
    expect(pull.merged_at).toBe(pull.closed_at);
    const head = records((await get(emu.url, "/repos/acme/web/commits?per_page=1")).body)[0];
    expect(head?.sha).toBe(pull.merge_commit_sha);
    expect(record(head?.commit).message).toBe(`Add dark mode (#${number})`);
    expect(record(head?.committer).login).toBe("web-flow");
    const asIssue = record((await get(emu.url, `/repos/acme/web/issues/${number}`)).body);
    expect(record(asIssue.pull_request).merged_at).toBe(pull.merged_at);
    expect((await admin("POST", `/repos/acme/web/pulls/${number}/reopen`)).status).toBe(422);
  });

  it("close and reopen pull requests and issues", async () => {
    tick();
    const pull = emu.admin.openPull("acme/web", { draft: true });
    expect(record((await get(emu.url, `/repos/acme/web/pulls/${pull.number}`)).body).draft).toBe(true);
    expect(() => emu.admin.mergePull("acme/web", pull.number)).toThrow(/draft/);
    emu.admin.closePull("acme/web", pull.number);
    expect(record((await get(emu.url, `/repos/acme/web/pulls/${pull.number}`)).body).state).toBe("closed");
    emu.admin.reopenPull("acme/web", pull.number);
    expect(record((await get(emu.url, `/repos/acme/web/pulls/${pull.number}`)).body).state).toBe("open");
    const issue = emu.admin.openIssue("acme/web", { title: "Broken", labels: ["bug", "brand-new-label"] });
    tick();
    await admin("POST", `/repos/acme/web/issues/${issue.number}/close`, { reason: "not_planned" });
    let view = record((await get(emu.url, `/repos/acme/web/issues/${issue.number}`)).body);
    expect([view.state, view.state_reason]).toEqual(["closed", "not_planned"]);
    expect(records(view.labels).map((label) => label.name)).toEqual(["bug", "brand-new-label"]);
    tick();
    await admin("POST", `/repos/acme/web/issues/${issue.number}/reopen`);
    view = record((await get(emu.url, `/repos/acme/web/issues/${issue.number}`)).body);
    expect([view.state, view.state_reason, view.closed_at]).toEqual(["open", "reopened", null]);
  });

  it("a new comment moves the issue's updated_at and count; an edit moves only the comment", async () => {
    const issue = emu.admin.openIssue("acme/api", { title: "Comment target" });
    tick();
    const created = await admin("POST", `/repos/acme/api/issues/${issue.number}/comments`, {
      body: "first!",
    });
    const id = Number(record(created.body).id);
    const afterCreate = record((await get(emu.url, `/repos/acme/api/issues/${issue.number}`)).body);
    expect(afterCreate.comments).toBe(1);
    expect(Date.parse(String(afterCreate.updated_at))).toBeGreaterThan(Date.parse(issue.updated_at));
    tick();
    await admin("PATCH", `/repos/acme/api/issues/comments/${id}`, { body: "first! (edited)" });
    const afterEdit = record((await get(emu.url, `/repos/acme/api/issues/${issue.number}`)).body);
    expect(afterEdit.updated_at).toBe(afterCreate.updated_at);
    const comment = records((await get(emu.url, `/repos/acme/api/issues/${issue.number}/comments`)).body)[0];
    expect(comment?.body).toBe("first! (edited)");
    expect(Date.parse(String(comment?.updated_at))).toBeGreaterThan(Date.parse(String(comment?.created_at)));
    tick();
    expect((await admin("DELETE", `/repos/acme/api/issues/comments/${id}`)).status).toBe(200);
    expect(record((await get(emu.url, `/repos/acme/api/issues/${issue.number}`)).body).comments).toBe(0);
  });

  it("a deleted issue answers 410 and leaves every list", async () => {
    const issue = emu.admin.openIssue("acme/api", { title: "Spam" });
    emu.admin.addComment("acme/api", issue.number, { body: "spam comment" });
    expect((await admin("DELETE", `/repos/acme/api/issues/${issue.number}`)).status).toBe(200);
    const gone = await get(emu.url, `/repos/acme/api/issues/${issue.number}`);
    expect(gone.status).toBe(410);
    expect(record(gone.body).message).toBe("This issue was deleted");
    const listed = (await walk(emu.url, "/repos/acme/api/issues?state=all&per_page=100")).items;
    expect(listed.some((item) => item.number === issue.number)).toBe(false);
    const comments = (await walk(emu.url, "/repos/acme/api/issues/comments?per_page=100")).items;
    expect(comments.some((comment) => comment.body === "spam comment")).toBe(false);
  });

  it("rename → 301 to /repositories/{id}/… with the query kept; transfer → 301 and another owner", async () => {
    const id = emu.admin.repository("acme/mobile").id;
    expect((await admin("POST", "/repos/acme/mobile/rename", { name: "app" })).status).toBe(200);
    const moved = await get(emu.url, "/repos/acme/mobile/issues?state=all&per_page=5");
    expect(moved.status).toBe(301);
    const location = `${emu.url}/repositories/${id}/issues?state=all&per_page=5`;
    expect(moved.headers.get("location")).toBe(location);
    expect(moved.headers.get("cache-control")).toBeNull();
    expect(moved.body).toEqual({
      message: "Moved Permanently",
      url: location,
      documentation_url: expect.any(String),
    });
    expect((await get(emu.url, location)).status).toBe(200);
    expect(record((await get(emu.url, "/repos/acme/app")).body).id).toBe(id);
    expect(record((await get(emu.url, "/repos/ACME/App")).body).full_name).toBe("acme/app");
    emu.admin.transferRepository("acme/app", "new-home");
    expect((await get(emu.url, "/repos/acme/app")).status).toBe(301);
    expect((await get(emu.url, "/repos/acme/mobile/pulls")).status).toBe(301);
    expect(records((await get(emu.url, "/orgs/new-home/repos")).body).map((repo) => repo.full_name)).toEqual([
      "new-home/app",
    ]);
    expect(records((await get(emu.url, "/orgs/acme/repos")).body).some((repo) => repo.id === id)).toBe(false);
  });

  it("a deleted repository answers 404 under every name and id", async () => {
    const id = emu.admin.repository("acme/infra").id;
    expect((await admin("DELETE", "/repos/acme/infra")).status).toBe(200);
    for (const path of ["/repos/acme/infra", `/repositories/${id}`, "/repos/acme/infra/issues"]) {
      const reply = await get(emu.url, path);
      expect(reply.status).toBe(404);
      expect(record(reply.body).message).toBe("Not Found");
    }
  });

  it("reports truth counts and request counters; bad admin input gets a clear error", async () => {
    const stats = record((await admin("GET", "/stats")).body);
    expect(record(stats.truth).repositories).toBe(3);
    expect(Object.keys(record(stats.requests))).toContain("ghp_emulator_test_token");
    expect((await admin("POST", "/repos/acme/nope/commits", { count: 1 })).status).toBe(404);
    expect((await admin("POST", "/repos/acme/web/commits", { count: "many" })).status).toBe(422);
    expect((await admin("POST", "/repos/acme/web/pulls/1/reviews", { state: "LOVED" })).status).toBe(422);
    expect((await admin("POST", "/repos/acme/web/commits", [1])).status).toBe(422);
    expect((await admin("GET", "/nothing")).status).toBe(404);
  });

  it("simulated activity changes the world and notifies subscribers", async () => {
    const seen: string[] = [];
    const stop = emu.admin.subscribe((change) => seen.push(`${change.type}.${change.action}`));
    const before = emu.admin.counts();
    const changes = emu.admin.simulateActivity(20);
    stop();
    expect(changes.length).toBeGreaterThan(0);
    expect(seen).toEqual(changes.map((change) => `${change.type}.${change.action}`));
    expect(emu.admin.counts()).not.toEqual(before);
  });
});

describe("--activity at a chosen rate", () => {
  it("makes about the changes a minute asked for, spread over the organization's repositories", async () => {
    const live = await startEmulator({
      port: 0,
      seed: "activity-rate",
      repos: 40,
      scale: "tiny",
      activity: true,
      activityPerMinute: 1_200,
    });
    try {
      const touched: string[] = [];
      const stop = live.admin.subscribe((change) => touched.push(change.repository.full_name));
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      stop();
      // 1,200 a minute is 20 a second, each interval ±50 % (seeded): about 60 in 3 s (a merge
      // announces more than one event, a timer may run late: the bound is loose).
      const seconds = (Date.now() - started) / 1_000;
      expect(touched.length).toBeGreaterThan(seconds * 20 * 0.5);
      expect(new Set(touched).size).toBeGreaterThan(10);
    } finally {
      await live.close();
    }
  });

  it("refuses a rate that is not a positive number", async () => {
    await expect(startEmulator({ port: 0, activity: true, activityPerMinute: 0 })).rejects.toThrow(
      /activityPerMinute/,
    );
  });
});

describe("a repository created through the admin API", () => {
  it("is listed first by push, holds its initial commit, and is announced as created then pushed", async () => {
    const world = await startEmulator({ port: 0, seed: "create-repo", repos: 3, scale: "tiny" });
    try {
      const seen: string[] = [];
      const stop = world.admin.subscribe((change) => seen.push(`${change.type}.${change.action}`));
      const created = await fetch(`${world.url}/_emulator/repos`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "brand-new" }),
      });
      stop();
      expect(created.status).toBe(200);
      expect(seen).toEqual(["repository.created", "push.pushed"]);
      const auth = { authorization: "Bearer create-repo-token" };
      const listed = (await (
        await fetch(`${world.url}/orgs/acme/repos?sort=pushed&direction=desc&per_page=1`, { headers: auth })
      ).json()) as { full_name: string; private: boolean; fork: boolean }[];
      expect(listed[0]).toMatchObject({ full_name: "acme/brand-new", private: false, fork: false });
      const commits = (await (
        await fetch(`${world.url}/repos/acme/brand-new/commits`, { headers: auth })
      ).json()) as { commit: { message: string } }[];
      expect(commits.map((commit) => commit.commit.message)).toEqual(["Initial commit"]);
      // A name taken, or not a name: refused.
      for (const [name, status] of [
        ["brand-new", 409],
        ["no/slash", 422],
      ] as const) {
        const again = await fetch(`${world.url}/_emulator/repos`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name }),
        });
        expect(again.status).toBe(status);
      }
    } finally {
      await world.close();
    }
  });
});
