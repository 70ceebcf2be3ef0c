/**
 * Histories as GitHub has them (issue 21, part 1): generated default branches with two-parent
 * merge commits whose branch commits are older than commits listed above them, rebased commits
 * whose author dates run out of list order, a long-lived pull request whose commits span pages;
 * merges with each method, pushes and force-pushes to an open PR's head, a force-push that drops a
 * merge commit (and so what it brought in), and the compare endpoint that tells what was dropped.
 * Checked against the emulator's own answers and GitHub's OpenAPI schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { get, parseLink, record, records, walk } from "./helpers.js";
import { loadValidators } from "./openapi-schema.js";

interface Commit {
  sha: string;
  parents: { sha: string }[];
  commit: { message: string; author: { date: string }; committer: { date: string; email: string } };
}

const validators = loadValidators();
let emu: RunningEmulator;
let wall = Date.parse("2025-04-01T09:00:00Z");
const tick = () => (wall += 60_000);
const date = (iso: string) => Date.parse(iso);

async function branch(repo = "acme/web"): Promise<Commit[]> {
  return (await walk<Commit>(emu.url, `/repos/${repo}/commits?per_page=100`)).items;
}

function longLived(repo = "acme/web") {
  const pull = emu.admin
    .pulls(repo)
    .find((candidate) => candidate.state === "open" && candidate.commits > 100);
  if (!pull) throw new Error(`${repo} has no long-lived pull request`);
  return pull;
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: 7, repos: 3, scale: "small", clock: () => wall });
});
afterAll(async () => {
  await emu.close();
});

describe("generated histories", () => {
  it("hold two-parent merge commits and author dates out of list order; every parent is served", async () => {
    for (const repo of ["acme/web", "acme/api", "acme/mobile"]) {
      const commits = await branch(repo);
      const merges = commits.filter((commit) => commit.parents.length === 2);
      expect(merges.length, repo).toBeGreaterThan(0);
      const outOfOrder = commits.filter(
        (commit, i) =>
          i > 0 && date(commit.commit.author.date) > date(commits[i - 1]?.commit.author.date ?? ""),
      );
      expect(outOfOrder.length, repo).toBeGreaterThan(0);
      // The list is newest committer date first, and every parent is on it.
      const listed = new Set(commits.map((commit) => commit.sha));
      for (const [i, commit] of commits.entries()) {
        if (i > 0)
          expect(date(commit.commit.committer.date)).toBeLessThanOrEqual(
            date(commits[i - 1]?.commit.committer.date ?? ""),
          );
        for (const parent of commit.parents) expect(listed.has(parent.sha)).toBe(true);
      }
      expect(commits).toHaveLength(emu.admin.counts(repo).commits);
    }
  });

  it("a merge commit's second parent is its pull request's head; the branch's commits sit below newer ones", async () => {
    const commits = await branch();
    const position = new Map(commits.map((commit, i) => [commit.sha, i]));
    const merge = commits.find((commit) => commit.parents.length === 2);
    const number = Number(/^Merge pull request #(\d+) from /.exec(merge?.commit.message ?? "")?.[1]);
    const pull = emu.admin.pulls("acme/web").find((candidate) => candidate.number === number);
    expect(pull?.merge_commit_sha).toBe(merge?.sha);
    expect(merge?.parents[1]?.sha).toBe(pull?.head_sha);
    const own = (await walk<Commit>(emu.url, `/repos/acme/web/pulls/${number}/commits`)).items;
    expect(own.at(-1)?.sha).toBe(pull?.head_sha);
    for (const commit of own)
      expect(position.get(commit.sha)).toBeGreaterThan(position.get(merge?.sha ?? "") ?? 0);
  });

  it("one long-lived pull request per repository: over 100 commits, served on two pages and by sha", async () => {
    const pull = longLived();
    const { items, replies } = await walk<Commit>(
      emu.url,
      `/repos/acme/web/pulls/${pull.number}/commits?per_page=100`,
    );
    expect(replies).toHaveLength(2);
    expect(items).toHaveLength(pull.commits);
    expect(date(items[0]?.commit.author.date ?? "")).toBeLessThan(date(pull.created_at));
    const first = await get(emu.url, `/repos/acme/web/commits/${items[0]?.sha ?? ""}`);
    expect(first.status).toBe(200);
    const history = (await walk<Commit>(emu.url, `/repos/acme/web/commits?sha=${pull.head_sha}&per_page=100`))
      .items;
    expect(history.slice(0, items.length).map((commit) => commit.sha)).toEqual(
      items.map((commit) => commit.sha).reverse(),
    );
    expect(history[items.length]?.sha).toBe(items[0]?.parents[0]?.sha);
  });
});

describe("changes to histories", () => {
  it("a rebase merge puts copies on top: committed by web-flow, author dates and messages kept", async () => {
    tick();
    const pull = emu.admin
      .pulls("acme/api")
      .find(
        (candidate) =>
          candidate.state === "open" && !candidate.draft && candidate.commits > 1 && candidate.commits < 100,
      );
    if (!pull) throw new Error("no open pull request with a few commits");
    const own = (await walk<Commit>(emu.url, `/repos/acme/api/pulls/${pull.number}/commits`)).items;
    const merged = emu.admin.mergePull("acme/api", pull.number, { method: "rebase" });
    const top = (await branch("acme/api")).slice(0, own.length).reverse();
    expect(merged.merge_commit_sha).toBe(top.at(-1)?.sha);
    expect(top.map((commit) => commit.commit.message)).toEqual(own.map((commit) => commit.commit.message));
    expect(top.map((commit) => commit.commit.author.date)).toEqual(
      own.map((commit) => commit.commit.author.date),
    );
    for (const commit of top) {
      expect(commit.commit.committer.email).toBe("noreply@github.com");
      expect(commit.parents).toHaveLength(1);
      expect(own.map((original) => original.sha)).not.toContain(commit.sha);
    }
    // The pull request's own commit list is what it was.
    const after = (await walk<Commit>(emu.url, `/repos/acme/api/pulls/${pull.number}/commits`)).items;
    expect(after.map((commit) => commit.sha)).toEqual(own.map((commit) => commit.sha));
  });

  it("pushes and force-pushes to an open pull request move head.sha, its commits and updated_at", async () => {
    const pull = emu.admin
      .pulls("acme/mobile")
      .find((candidate) => candidate.state === "open" && candidate.commits > 1 && candidate.commits < 100);
    if (!pull) throw new Error("no open pull request with a few commits");
    const path = `/repos/acme/mobile/pulls/${pull.number}`;
    const before = (await walk<Commit>(emu.url, `${path}/commits`)).items;
    tick();
    const pushed = emu.admin.pushToPull("acme/mobile", pull.number, { add: 2 });
    expect(pushed.commits).toBe(before.length + 2);
    const served = record((await get(emu.url, path)).body);
    expect(record(served.head).sha).toBe(pushed.head_sha);
    expect(date(String(served.updated_at))).toBe(wall - (wall % 1000));
    tick();
    const forced = emu.admin.pushToPull("acme/mobile", pull.number, { force: true, drop: 2, add: 1 });
    const list = (await walk<Commit>(emu.url, `${path}/commits`)).items;
    expect(list.map((commit) => commit.sha).slice(0, before.length)).toEqual(
      before.map((commit) => commit.sha),
    );
    expect(list).toHaveLength(before.length + 1);
    expect(list.at(-1)?.sha).toBe(forced.head_sha);
    // The commit the force-push replaced is still served by sha, as on GitHub.
    expect((await get(emu.url, `/repos/acme/mobile/commits/${pushed.head_sha}`)).status).toBe(200);
    expect(() => emu.admin.pushToPull("acme/mobile", pull.number, { drop: 1 })).toThrow(/force-push/);
    const closed = emu.admin.pulls("acme/mobile").find((candidate) => candidate.state === "closed");
    expect(() => emu.admin.pushToPull("acme/mobile", closed?.number ?? 0, {})).toThrow(/not open/);
  });

  it("a force-push that drops a merge commit drops what it brought in; compare lists exactly that", async () => {
    const pull = longLived();
    const own = (await walk<Commit>(emu.url, `/repos/acme/web/pulls/${pull.number}/commits?per_page=100`))
      .items;
    tick();
    const merged = emu.admin.mergePull("acme/web", pull.number, { method: "merge" });
    const withMerge = await branch();
    tick();
    const { removed } = emu.admin.forcePush("acme/web", { drop: 1, add: 1 });
    expect(new Set(removed)).toEqual(new Set([merged.merge_commit_sha, ...own.map((commit) => commit.sha)]));
    const after = await branch();
    expect(after).toHaveLength(withMerge.length - own.length - 1 + 1);

    const compare = await get(
      emu.url,
      `/repos/acme/web/compare/${after[0]?.sha ?? ""}...${merged.merge_commit_sha ?? ""}`,
    );
    expect(compare.status).toBe(200);
    const check = validators.validator("repos/compare-commits-with-basehead", 200);
    expect(check(compare.body), JSON.stringify(check.errors?.slice(0, 3))).toBe(true);
    const body = record(compare.body);
    expect(body).toMatchObject({
      status: "diverged",
      ahead_by: own.length + 1,
      behind_by: 1,
      total_commits: own.length + 1,
    });
    const listed = records(body.commits).map((commit) => String(commit.sha));
    expect(new Set(listed)).toEqual(new Set(removed));
    expect(listed.at(-1)).toBe(merged.merge_commit_sha);
    expect(record(body.merge_base_commit).sha).toBe(after[1]?.sha);
    // Paged, it pages like any list.
    const first = await get(
      emu.url,
      `/repos/acme/web/compare/${after[0]?.sha ?? ""}...${merged.merge_commit_sha ?? ""}?per_page=100`,
    );
    const next = parseLink(first.headers.get("link")).next;
    const second = await get(emu.url, next ?? "");
    expect([...records(record(first.body).commits), ...records(record(second.body).commits)]).toHaveLength(
      own.length + 1,
    );
    expect((await get(emu.url, "/repos/acme/web/compare/main")).status).toBe(404);
  });
});
