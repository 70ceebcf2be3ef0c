/**
 * Walking every list by its Link headers gives self-consistent data that equals the admin truth,
 * and the Link header itself is GitHub's: exact format, /repositories/{id} URLs, other query
 * parameters kept, per_page clamped to 100, no Link when one page holds everything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { get, parseLink, record, records, walk } from "./helpers.js";

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: "pages", repos: 2 });
});

afterAll(async () => {
  await emu.close();
});

describe("pagination", () => {
  it("the pull requests in /issues are exactly /pulls?state=all (numbers, titles, states)", async () => {
    const issues = (await walk(emu.url, "/repos/acme/web/issues?state=all&per_page=17")).items;
    const pulls = (await walk(emu.url, "/repos/acme/web/pulls?state=all&per_page=13")).items;
    const fromIssues = issues
      .filter((issue) => issue.pull_request !== undefined)
      .map((issue) => [issue.number, issue.title, issue.state])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    const fromPulls = pulls
      .map((pull) => [pull.number, pull.title, pull.state])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(fromIssues).toEqual(fromPulls);
    expect(fromPulls.length).toBe(emu.admin.pulls("acme/web").length);
    const plain = issues.filter((issue) => issue.pull_request === undefined).map((issue) => issue.number);
    expect(plain.sort((a, b) => Number(a) - Number(b))).toEqual(
      emu.admin.issues("acme/web").map((issue) => issue.number),
    );
    const numbers = issues.map((issue) => Number(issue.number));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(Math.max(...numbers)).toBe(numbers.length);
  });

  it("per-issue comments add up to the repository-wide list and to the truth", async () => {
    const repoWide = (await walk(emu.url, "/repos/acme/web/issues/comments?per_page=100")).items.map(
      (c) => c.id,
    );
    const issues = (await walk(emu.url, "/repos/acme/web/issues?state=all&per_page=100")).items;
    const perIssue: unknown[] = [];
    let counted = 0;
    for (const issue of issues) {
      counted += Number(issue.comments);
      if (Number(issue.comments) === 0) continue;
      perIssue.push(
        ...(
          await walk(emu.url, `/repos/acme/web/issues/${String(issue.number)}/comments?per_page=3`)
        ).items.map((c) => c.id),
      );
    }
    const sorted = (ids: unknown[]) => [...ids].map(Number).sort((a, b) => a - b);
    expect(sorted(perIssue)).toEqual(sorted(repoWide));
    expect(counted).toBe(repoWide.length);
    expect(sorted(repoWide)).toEqual(emu.admin.comments("acme/web").map((comment) => comment.id));
  });

  it("totals equal the admin truth", async () => {
    const truth = emu.admin.counts("acme/web");
    const commits = await walk(emu.url, "/repos/acme/web/commits?per_page=100");
    expect(commits.items.map((c) => c.sha)).toEqual(emu.admin.commits("acme/web").map((c) => c.sha));
    const pulls = (await walk(emu.url, "/repos/acme/web/pulls?state=all&per_page=100")).items;
    let reviews = 0;
    for (const pull of pulls)
      reviews += (await walk(emu.url, `/repos/acme/web/pulls/${String(pull.number)}/reviews?per_page=100`))
        .items.length;
    const contributors = (await walk(emu.url, "/repos/acme/web/contributors?per_page=5")).items;
    expect({
      commits: commits.items.length,
      pulls: pulls.length,
      reviews,
      contributors: contributors.length,
    }).toEqual({
      commits: truth.commits,
      pulls: truth.pull_requests,
      reviews: truth.reviews,
      contributors: truth.contributors,
    });
    const contributions = contributors.map((entry) => Number(entry.contributions));
    expect(contributions).toEqual([...contributions].sort((a, b) => b - a));
    const anonymous = (await walk(emu.url, "/repos/acme/web/contributors?anon=1&per_page=100")).items;
    expect(anonymous.reduce((sum, entry) => sum + Number(entry.contributions), 0)).toBe(truth.commits);
  });

  it("writes Link headers in GitHub's format with /repositories/{id} URLs", async () => {
    const id = emu.admin.repository("acme/web").id;
    const base = `${emu.url}/repositories/${id}/issues`;
    const first = await get(emu.url, "/repos/acme/web/issues?state=all&per_page=10");
    const total = emu.admin.pulls("acme/web").length + emu.admin.issues("acme/web").length;
    const last = Math.ceil(total / 10);
    expect(first.headers.get("link")).toBe(
      `<${base}?state=all&per_page=10&page=2>; rel="next", <${base}?state=all&per_page=10&page=${last}>; rel="last"`,
    );
    const middle = await get(emu.url, "/repos/acme/web/issues?state=all&per_page=10&page=3");
    expect(middle.headers.get("link")).toBe(
      `<${base}?state=all&per_page=10&page=2>; rel="prev", <${base}?state=all&per_page=10&page=4>; rel="next", ` +
        `<${base}?state=all&per_page=10&page=${last}>; rel="last", <${base}?state=all&per_page=10&page=1>; rel="first"`,
    );
    const end = await get(emu.url, `/repos/acme/web/issues?state=all&per_page=10&page=${last}`);
    expect(Object.keys(parseLink(end.headers.get("link")))).toEqual(["prev", "first"]);
    const beyond = await get(emu.url, `/repos/acme/web/issues?state=all&per_page=10&page=${last + 5}`);
    expect(beyond.body).toEqual([]);
    const followed = await get(emu.url, parseLink(first.headers.get("link")).next ?? "");
    expect(followed.status).toBe(200);
    const second = await get(emu.url, "/repos/acme/web/issues?state=all&per_page=10&page=2");
    expect(records(followed.body).map((issue) => issue.number)).toEqual(
      records(second.body).map((issue) => issue.number),
    );
  });

  it("organization lists link with /organizations/{id}; per_page defaults to 30 and is clamped to 100", async () => {
    const orgId = record(record((await get(emu.url, "/repos/acme/web")).body).owner).id;
    const repos = await get(emu.url, "/orgs/acme/repos?per_page=1");
    expect(parseLink(repos.headers.get("link")).next).toBe(
      `${emu.url}/organizations/${String(orgId)}/repos?per_page=1&page=2`,
    );
    expect((await get(emu.url, "/orgs/acme/repos")).headers.get("link")).toBeNull();
    const commits = emu.admin.counts("acme/web").commits;
    expect(commits).toBeGreaterThan(100);
    const clamped = await get(emu.url, "/repos/acme/web/commits?per_page=1000");
    expect(records(clamped.body)).toHaveLength(100);
    expect(parseLink(clamped.headers.get("link")).next).toContain("per_page=1000&page=2");
    expect(records((await get(emu.url, "/repos/acme/web/commits")).body)).toHaveLength(30);
    expect(records((await get(emu.url, "/repos/acme/web/commits?per_page=0")).body)).toHaveLength(30);
  });

  it("reviews paginate past the first page, in chronological order", async () => {
    const heavy = emu.admin
      .pulls("acme/web")
      .reduce((most, pull) => (pull.reviews > most.reviews ? pull : most));
    expect(heavy.reviews).toBeGreaterThan(30);
    const { items, replies } = await walk(emu.url, `/repos/acme/web/pulls/${heavy.number}/reviews`);
    expect(replies.length).toBe(Math.ceil(heavy.reviews / 30));
    const times = items.map((review) => String(review.submitted_at));
    expect(times).toEqual([...times].sort());
    expect(items.map((review) => review.id)).toEqual(
      emu.admin.reviews("acme/web", heavy.number).map((review) => review.id),
    );
  });
});
