/**
 * The world depends only on (seed, org, repos, scale): same inputs → same ids, counts and contents
 * (timestamps are offsets from the start time); another seed → another world. Timestamps end at
 * the start time so "the last 30 days" holds recent activity.
 */
import { describe, expect, it } from "vitest";
import type { EmulatorOptions, RunningEmulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { get } from "./helpers.js";

const DAY_MS = 86_400_000;

/** Everything the admin knows, without timestamps. */
function truthOf(emu: RunningEmulator): unknown {
  const strip = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value), (key, inner: unknown) => (key.endsWith("_at") ? undefined : inner));
  return strip(
    emu.admin.repositories().map((repo) => ({
      repo,
      commits: emu.admin.commits(repo.id),
      pulls: emu.admin.pulls(repo.id),
      reviews: emu.admin.reviews(repo.id),
      issues: emu.admin.issues(repo.id),
      comments: emu.admin.comments(repo.id),
      contributors: emu.admin.contributors(repo.id, { anon: true }),
    })),
  );
}

async function withEmulator<T>(
  options: EmulatorOptions,
  use: (emu: RunningEmulator) => Promise<T>,
): Promise<T> {
  const emu = await startEmulator({ port: 0, ...options });
  try {
    return await use(emu);
  } finally {
    await emu.close();
  }
}

describe("deterministic data", () => {
  it("same seed/org/repos/scale → identical truth, whatever the start time", async () => {
    const a = await withEmulator({ seed: 7, repos: 4, now: new Date("2024-03-01T00:00:00Z") }, async (emu) =>
      truthOf(emu),
    );
    const b = await withEmulator({ seed: 7, repos: 4, now: new Date("2025-09-15T12:34:56Z") }, async (emu) =>
      truthOf(emu),
    );
    expect(b).toEqual(a);
  });

  it("same inputs and start time → byte-identical API responses (apart from the base URL)", async () => {
    const now = new Date("2025-01-01T00:00:00Z");
    const paths = [
      "/repos/acme/web/pulls?state=all&per_page=100",
      "/repos/acme/api/commits?per_page=100",
      "/orgs/acme/repos",
    ];
    const fetchAll = (emu: RunningEmulator) =>
      Promise.all(
        paths.map(async (path) => (await get(emu.url, path)).text.replaceAll(new URL(emu.url).host, "HOST")),
      );
    const clock = () => now.getTime();
    const a = await withEmulator({ seed: "x", now, clock }, fetchAll);
    const b = await withEmulator({ seed: "x", now, clock }, fetchAll);
    expect(b).toEqual(a);
  });

  it("another seed → other ids and contents", async () => {
    const a = await withEmulator({ seed: 1 }, async (emu) => emu.admin.pulls("acme/web").slice(0, 5));
    const b = await withEmulator({ seed: 2 }, async (emu) => emu.admin.pulls("acme/web").slice(0, 5));
    expect(b.map((pull) => pull.id)).not.toEqual(a.map((pull) => pull.id));
    expect(b.map((pull) => pull.title)).not.toEqual(a.map((pull) => pull.title));
  });

  it("timestamps end at the start time, with activity in the last 30 days", async () => {
    const now = new Date("2025-06-01T00:00:00Z");
    await withEmulator({ now, clock: () => now.getTime() }, async (emu) => {
      const commits = emu.admin.commits("acme/web");
      const newest = Date.parse(commits[0]?.committed_at ?? "");
      expect(newest).toBeLessThanOrEqual(now.getTime());
      expect(now.getTime() - newest).toBeLessThan(2 * DAY_MS);
      const oldest = Date.parse(commits[commits.length - 1]?.committed_at ?? "");
      expect(now.getTime() - oldest).toBeGreaterThan(300 * DAY_MS);
      const recent = (at: string) => now.getTime() - Date.parse(at) < 30 * DAY_MS;
      expect(commits.filter((commit) => recent(commit.committed_at)).length).toBeGreaterThan(10);
      expect(emu.admin.pulls("acme/web").some((pull) => recent(pull.created_at))).toBe(true);
      const all = JSON.stringify([
        emu.admin.pulls("acme/web"),
        emu.admin.issues("acme/web"),
        emu.admin.comments("acme/web"),
      ]);
      for (const stamp of all.match(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g) ?? []) {
        expect(Date.parse(stamp)).toBeLessThanOrEqual(now.getTime());
      }
    });
  });

  it("repository roles: one private, a fork and an archived one with 4+ repositories; ids below 2^53", async () => {
    await withEmulator({ repos: 6 }, async (emu) => {
      const repos = emu.admin.repositories();
      expect(repos.map((repo) => repo.name)).toEqual([
        "web",
        "api",
        "mobile",
        "infra",
        "docs",
        "design-system",
      ]);
      expect(repos.filter((repo) => repo.private).map((repo) => repo.name)).toEqual(["api"]);
      expect(repos.filter((repo) => repo.fork).map((repo) => repo.name)).toEqual(["mobile"]);
      expect(repos.filter((repo) => repo.archived).map((repo) => repo.name)).toEqual(["infra"]);
      expect(repos.every((repo) => repo.default_branch === "main")).toBe(true);
      const ids = repos.flatMap((repo) => [
        repo.id,
        ...emu.admin.pulls(repo.id).flatMap((pull) => [pull.id, pull.issue_id]),
        ...emu.admin.reviews(repo.id).map((review) => review.id),
        ...emu.admin.comments(repo.id).map((comment) => comment.id),
      ]);
      expect(ids.every((id) => Number.isSafeInteger(id) && id > 0)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    });
  });

  it("generates a 100,000-commit repository fast and pages through it", async () => {
    const started = performance.now();
    await withEmulator({ repos: 1, commitsPerRepo: { web: 100_000 } }, async (emu) => {
      expect(performance.now() - started).toBeLessThan(5000);
      expect(emu.admin.counts("acme/web").commits).toBe(100_000);
      const last = await get(emu.url, "/repos/acme/web/commits?per_page=100&page=1000");
      expect((last.body as unknown[]).length).toBe(100);
      expect(last.headers.get("link")).toContain('rel="first"');
      expect(last.headers.get("link")).not.toContain('rel="next"');
    });
  });
});
