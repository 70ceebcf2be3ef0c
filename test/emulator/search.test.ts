/**
 * GET /search/issues as GitHub answers it: its qualifiers (and a 422 naming any term the emulator
 * does not implement), sorting by updated, the first 1,000 results only, its own budget of 30
 * requests a minute (`x-ratelimit-resource: search`), and an index that lags behind the data.
 * The truth is the emulator's world, read through its admin API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { get, parseLink } from "./helpers.js";

interface Item {
  number: number;
  repository_url: string;
  updated_at: string;
  pull_request?: unknown;
}
interface Answer {
  total_count: number;
  items: Item[];
}

let emu: RunningEmulator;
let nowMs = Date.parse("2026-12-05T12:00:00Z");

beforeAll(async () => {
  emu = await startEmulator({ port: 0, repos: 40, scale: "tiny", seed: "search", clock: () => nowMs });
});
afterAll(async () => {
  await emu.close();
});

/** Every page of a search (each a request of the search budget). */
async function searchAll(q: string, token?: string): Promise<Item[]> {
  const items: Item[] = [];
  let next: string | undefined =
    `/search/issues?q=${encodeURIComponent(q)}&sort=updated&order=desc&per_page=100`;
  while (next) {
    const reply = await get(emu.url, next, token ? { token } : {});
    expect(reply.status, reply.text).toBe(200);
    items.push(...(reply.body as Answer).items);
    next = parseLink(reply.headers.get("link")).next;
  }
  return items;
}

describe("GET /search/issues", () => {
  it("finds every issue and pull request of the organization updated after an instant, newest first", async () => {
    const since = Date.parse("2026-11-20T00:00:00Z") / 1000;
    const truth = emu.admin
      .repositories()
      .flatMap((repo) =>
        [...emu.admin.issues(repo.full_name), ...emu.admin.pulls(repo.full_name)].map((item) => ({
          repo: repo.full_name,
          ...item,
        })),
      )
      .filter((item) => Date.parse(item.updated_at) / 1000 > since);
    expect(truth.length).toBeGreaterThan(0);
    const found = await searchAll(
      `org:acme updated:>${new Date(since * 1000).toISOString().slice(0, 19)}Z`,
      "a",
    );
    expect(found.map((item) => `${item.repository_url}#${item.number}`).sort()).toEqual(
      truth.map((item) => `${emu.url}/repos/${item.repo}#${item.number}`).sort(),
    );
    const times = found.map((item) => Date.parse(item.updated_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("narrows by repository and kind, and refuses what it does not implement", async () => {
    const prs = await searchAll("repo:acme/web is:pr", "b");
    expect(prs.length).toBe(emu.admin.pulls("acme/web").length);
    expect(prs.every((item) => item.pull_request !== undefined)).toBe(true);
    const refused = await get(emu.url, "/search/issues?q=org:acme+label:bug", { token: "b" });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("label:bug");
    expect((await get(emu.url, "/search/issues?q=", { token: "b" })).status).toBe(422);
  });

  it("serves only the first 1,000 results", async () => {
    const beyond = await get(emu.url, "/search/issues?q=org:acme&per_page=100&page=11", { token: "c" });
    expect(beyond.status).toBe(422);
    expect(beyond.text).toContain("Only the first 1000 search results are available");
  });

  it("has its own budget of 30 requests a minute, apart from core", async () => {
    const token = "budget";
    let last = await get(emu.url, "/search/issues?q=org:acme", { token });
    expect(last.headers.get("x-ratelimit-resource")).toBe("search");
    expect(last.headers.get("x-ratelimit-limit")).toBe("30");
    for (let i = 1; i < 30; i++) last = await get(emu.url, `/search/issues?q=org:acme&page=${i}`, { token });
    expect(last.status).toBe(200);
    const refused = await get(emu.url, "/search/issues?q=org:acme&page=31", { token });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("x-ratelimit-resource")).toBe("search");
    // Core is untouched, and the next minute the search budget is whole again.
    const core = await get(emu.url, "/repos/acme/web", { token });
    expect(core.headers.get("x-ratelimit-used")).toBe("1");
    nowMs += 61_000;
    expect((await get(emu.url, "/search/issues?q=org:acme", { token })).status).toBe(200);
  });

  it("does not find a change younger than its index lag", async () => {
    const [issue] = emu.admin.issues("acme/api");
    if (!issue) throw new Error("an issue expected");
    nowMs += 5_000;
    emu.admin.setSearchLag(30);
    emu.admin.addComment("acme/api", issue.number, { body: "found later" });
    const after = new Date(nowMs - 1000).toISOString().slice(0, 19) + "Z";
    expect(await searchAll(`repo:acme/api updated:>${after}`, "d")).toHaveLength(0);
    nowMs += 31_000;
    const found = await searchAll(`repo:acme/api updated:>${after}`, "d");
    expect(found.map((item) => item.number)).toEqual([issue.number]);
  });
});
