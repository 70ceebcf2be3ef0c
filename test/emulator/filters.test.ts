/**
 * `since`/`until` filters and sort/direction defaults as GitHub documents them, checked against
 * the admin truth: issues and comments by updated_at (inclusive), commits by commit date; pulls
 * default to created desc but sort=updated defaults to asc; issues default to desc.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { get, records, walk } from "./helpers.js";

let emu: RunningEmulator;
const NOW = Date.parse("2025-04-01T00:00:00Z");

beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: "filters", now: new Date(NOW), clock: () => NOW });
});

afterAll(async () => {
  await emu.close();
});

const ago = (days: number) => new Date(NOW - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
const field = (items: Record<string, unknown>[], name: string) => items.map((item) => item[name]);
const numbers = (items: Record<string, unknown>[]) => items.map((item) => Number(item.number));

describe("since / until", () => {
  it("issues since → updated_at ≥ since (pull requests included)", async () => {
    const since = ago(30);
    const items = (await walk(emu.url, `/repos/acme/web/issues?state=all&since=${since}&per_page=100`)).items;
    const expected = [...emu.admin.issues("acme/web"), ...emu.admin.pulls("acme/web")].filter(
      (t) => t.updated_at >= since,
    );
    expect(items.length).toBeGreaterThan(0);
    expect(numbers(items).sort((a, b) => a - b)).toEqual(expected.map((t) => t.number).sort((a, b) => a - b));
    const exact = expected[0]?.updated_at ?? since;
    const inclusive = (await walk(emu.url, `/repos/acme/web/issues?state=all&since=${exact}&per_page=100`))
      .items;
    expect(field(inclusive, "updated_at")).toContain(exact);
  });

  it("comments since, per issue and repository-wide", async () => {
    const since = ago(45);
    const repoWide = (await walk(emu.url, `/repos/acme/web/issues/comments?since=${since}&per_page=100`))
      .items;
    const truth = emu.admin.comments("acme/web").filter((comment) => comment.updated_at >= since);
    expect(field(repoWide, "id")).toEqual(truth.map((comment) => comment.id));
    const busy = emu.admin.issues("acme/web").find((issue) => issue.comments >= 2);
    const all = records((await get(emu.url, `/repos/acme/web/issues/${busy?.number ?? 0}/comments`)).body);
    const cut = String(all[all.length - 1]?.updated_at);
    const recent = records(
      (await get(emu.url, `/repos/acme/web/issues/${busy?.number ?? 0}/comments?since=${cut}`)).body,
    );
    expect(recent.every((comment) => String(comment.updated_at) >= cut)).toBe(true);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThanOrEqual(all.length);
  });

  it("commits since/until by commit date, author filter", async () => {
    const since = ago(60);
    const until = ago(10);
    const items = (await walk(emu.url, `/repos/acme/web/commits?since=${since}&until=${until}&per_page=100`))
      .items;
    const truth = emu.admin
      .commits("acme/web")
      .filter((c) => c.committed_at >= since && c.committed_at <= until);
    expect(field(items, "sha")).toEqual(truth.map((commit) => commit.sha));
    const author = truth.find((commit) => commit.author_login)?.author_login ?? "";
    const mine = (await walk(emu.url, `/repos/acme/web/commits?author=${author}&per_page=100`)).items;
    expect(mine.length).toBe(
      emu.admin.commits("acme/web").filter((commit) => commit.author_login === author).length,
    );
    expect((await get(emu.url, "/repos/acme/web/commits?since=last-week")).status).toBe(400);
  });

  it("commits from a sha list that commit and its ancestors", async () => {
    const truth = emu.admin.commits("acme/web");
    const start = truth[10];
    const items = (await walk(emu.url, `/repos/acme/web/commits?sha=${start?.sha ?? ""}&per_page=100`)).items;
    expect(field(items, "sha")).toEqual(truth.slice(10).map((commit) => commit.sha));
    const short = (
      await get(emu.url, `/repos/acme/web/commits?sha=${start?.sha.slice(0, 7) ?? ""}&per_page=1`)
    ).body;
    expect(records(short)[0]?.sha).toBe(start?.sha);
  });
});

describe("sort and direction", () => {
  it("pulls: created desc by default; sort=updated defaults to asc; popularity by comments", async () => {
    const pulls = emu.admin.pulls("acme/web");
    const byDefault = (await walk(emu.url, "/repos/acme/web/pulls?state=all&per_page=100")).items;
    expect(numbers(byDefault)).toEqual(
      [...pulls]
        .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.number - a.number)
        .map((p) => p.number),
    );
    const updated = field(
      (await walk(emu.url, "/repos/acme/web/pulls?state=all&sort=updated&per_page=100")).items,
      "updated_at",
    ) as string[];
    expect(updated).toEqual([...updated].sort());
    const desc = field(
      (await walk(emu.url, "/repos/acme/web/pulls?state=all&sort=updated&direction=desc&per_page=100")).items,
      "updated_at",
    ) as string[];
    expect(desc).toEqual([...desc].sort().reverse());
    const popular = numbers(
      (await walk(emu.url, "/repos/acme/web/pulls?state=all&sort=popularity&direction=desc&per_page=100"))
        .items,
    );
    const comments = popular.map((number) => pulls.find((pull) => pull.number === number)?.comments ?? -1);
    expect(comments).toEqual([...comments].sort((a, b) => b - a));
    const open = (await walk(emu.url, "/repos/acme/web/pulls?per_page=100")).items;
    expect(open.every((pull) => pull.state === "open")).toBe(true);
    expect(open.length).toBe(pulls.filter((pull) => pull.state === "open").length);
  });

  it("issues: desc by default; sort=comments; repository comments sort=updated&direction=desc", async () => {
    const created = field(
      (await walk(emu.url, "/repos/acme/web/issues?state=all&per_page=100")).items,
      "created_at",
    ) as string[];
    expect(created).toEqual([...created].sort().reverse());
    const asc = field(
      (await walk(emu.url, "/repos/acme/web/issues?state=all&sort=updated&direction=asc&per_page=100")).items,
      "updated_at",
    ) as string[];
    expect(asc).toEqual([...asc].sort());
    const byComments = field(
      (await walk(emu.url, "/repos/acme/web/issues?state=all&sort=comments&per_page=100")).items,
      "comments",
    ) as number[];
    expect(byComments).toEqual([...byComments].sort((a, b) => b - a));
    const defaultComments = field(
      (await walk(emu.url, "/repos/acme/web/issues/comments?per_page=100")).items,
      "id",
    ) as number[];
    expect(defaultComments).toEqual([...defaultComments].sort((a, b) => a - b));
    const poll = field(
      (await walk(emu.url, "/repos/acme/web/issues/comments?sort=updated&direction=desc&per_page=100")).items,
      "updated_at",
    ) as string[];
    expect(poll).toEqual([...poll].sort().reverse());
  });

  it("organization repositories: created desc by default, full_name asc", async () => {
    const byName = field(records((await get(emu.url, "/orgs/acme/repos?sort=full_name")).body), "name");
    expect(byName).toEqual(["api", "mobile", "web"]);
    const created = field(records((await get(emu.url, "/orgs/acme/repos")).body), "created_at") as string[];
    expect(created).toEqual([...created].sort().reverse());
    const publicOnly = field(records((await get(emu.url, "/orgs/acme/repos?type=public")).body), "name");
    expect(publicOnly).not.toContain("api");
  });
});
