/**
 * Change detection (`sync --org` after its first full pass): the repositories with a change are
 * found with a few requests whatever the organization's size, and only they are synced; what the
 * fast signals cannot see by construction (a deleted repository, an edited comment, a change
 * search indexes too late) is caught by the full pass. The truth is an independent walk of the
 * emulator's REST API, never ghsync's own reading.
 */
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { GitHubClient } from "../../src/github/client.js";
import type { Database } from "../../src/store/database.js";
import { queryRows } from "../../src/store/raw-query.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { parseDepth } from "../../src/sync/depth.js";
import { Progress } from "../../src/sync/progress.js";
import { detectTrackedChanges, runSync } from "../../src/sync/run-sync.js";
import { setTracked } from "../../src/store/tracking.js";
import { FULL_PASS_EVERY_MS } from "../../src/sync/changes/org-targets.js";
import { systemClock } from "../../src/util/clock.js";
import { freshDatabase } from "../helpers/databases.js";
import { silentLog, testClient } from "../helpers/sync-harness.js";
import { walkOrganization } from "../helpers/walk-github.js";

const TOKEN = "changes-token";

/** `sync --org acme`, on ghsync's clock moved `laterMs` ahead (the full pass comes due). */
const syncOrg = (db: Database, client: GitHubClient, laterMs = 0, depth = "full") =>
  runSync(
    {
      db: db.db,
      client,
      log: silentLog,
      progress: new Progress(),
      clock: { ...systemClock, now: () => Date.now() + laterMs },
    },
    { repositories: [], org: "acme", depth: parseDepth(depth) },
  );

/** Live ids of a table in live repositories (a deleted repository's rows stay, under its tombstone). */
async function liveIds(
  db: Database,
  table: "issues" | "pull_requests" | "issue_comments",
): Promise<Set<number>> {
  const rows = await queryRows<{ id: number }>(
    db.db,
    sql`select t.id from ${sql.identifier(table)} t join repositories r on r.id = t.repository_id
         where t.deleted_at is null and r.deleted_at is null`,
  );
  return new Set(rows.map((row) => Number(row.id)));
}

/** The mirror against an independent walk of the emulator: every id, every count. */
async function expectMirrorEqualsGitHub(db: Database, emu: RunningEmulator): Promise<void> {
  const truth = await walkOrganization(emu.url, "acme");
  expect(await liveIds(db, "pull_requests")).toEqual(truth.pullIds);
  expect(await liveIds(db, "issues")).toEqual(truth.issueIds);
  expect(await liveIds(db, "issue_comments")).toEqual(truth.commentIds);
  expect(await mirrorCounts(db.db, { org: "acme" })).toEqual(truth.counts);
}

describe("change detection across an organization", () => {
  const emulators: RunningEmulator[] = [];
  const databases: Database[] = [];
  afterEach(async () => {
    for (const database of databases.splice(0)) await database.close();
    for (const emulator of emulators.splice(0)) await emulator.close();
  });

  async function setUp(repos: number, scale: "tiny" | "small" = "tiny") {
    const emu = await startEmulator({ port: 0, seed: 17, repos, scale, rateLimit: 1_000_000 });
    emulators.push(emu);
    const db = await freshDatabase();
    databases.push(db);
    return { emu, db, client: testClient(emu.url, [TOKEN]) };
  }

  /** Requests the emulator received from the token (its own count, not ghsync's). */
  const served = (emu: RunningEmulator) => emu.admin.requestStats()[TOKEN]?.requests ?? 0;

  // 150 repositories synced three times: about 25 s alone, more beside other files.
  it("syncs only the repositories that changed, in a few requests, and mirrors every change", async () => {
    const { emu, db, client } = await setUp(150);
    const first = await syncOrg(db, client);
    expect(first.repositories).toBe(150);
    const names = emu.admin.repositories().map((repo) => repo.full_name);
    // A comment on an existing issue in three repositories, a new commit in two.
    for (const name of names.slice(10, 13)) {
      const [issue] = emu.admin.issues(name);
      emu.admin.addComment(name, issue?.number ?? 1, { body: "a change only search sees" });
    }
    for (const name of names.slice(40, 42)) emu.admin.addCommits(name, { count: 1 });

    // GitHub stamps whole seconds: changes of the detection's own second are checked again by the
    // next one (unit-tested in change-signals.test.ts); here they are older, so the idle run after is idle.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const before = served(emu);
    const again = await syncOrg(db, client);
    expect(served(emu) - before).toBe(again.requests);
    expect(again.requests).toBeLessThanOrEqual(100);
    expect(again.comments).toBe(3);
    expect(again.commits).toBe(2);
    await expectMirrorEqualsGitHub(db, emu);

    // Nothing changed since: the pushed list answers 304 and one search finds nothing new.
    const idle = await syncOrg(db, client);
    expect(idle.points_used).toBe(0);
    // Besides the organization's teams: their list and two role lists per team, each a 304 (sync-teams.test.ts).
    const [teams] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from teams`);
    expect(idle.requests - (1 + 2 * (teams?.n ?? 0))).toBeLessThanOrEqual(2);
  }, 180_000);

  it("reaches every repository when a later run asks for a deeper depth", async () => {
    const { emu, db, client } = await setUp(2, "small");
    await syncOrg(db, client, 0, "30d");
    const shallow = await mirrorCounts(db.db, { org: "acme" });
    const truth = await walkOrganization(emu.url, "acme");
    expect(shallow.comments).toBeLessThan(truth.counts.comments);
    await syncOrg(db, client, 0, "full");
    await expectMirrorEqualsGitHub(db, emu);
  });

  it("finds every kind of change; the full pass catches what the signals cannot see", async () => {
    const { emu, db, client } = await setUp(12);
    await syncOrg(db, client);
    const [api, mobile, infra, docs] = emu.admin
      .repositories()
      .map((repo) => repo.full_name)
      .slice(1);
    if (!api || !mobile || !infra || !docs) throw new Error("repositories expected");
    // Seen by the signals: a review only, a label only, a push only, a new issue, a new repository.
    const reviewed = emu.admin
      .repositories()
      .flatMap((repo) => emu.admin.pulls(repo.full_name).map((pull) => ({ repo: repo.full_name, pull })))
      .find(({ pull }) => pull.state === "open");
    if (!reviewed) throw new Error("an open pull request expected");
    emu.admin.addReview(reviewed.repo, reviewed.pull.number, { state: "APPROVED" });
    const [issue] = emu.admin.issues(api);
    emu.admin.editIssue(api, issue?.number ?? 1, { labels: ["bug"] });
    emu.admin.addCommits(mobile, { count: 2 });
    emu.admin.openIssue(mobile, { title: "a new issue" });
    emu.admin.createRepository("fresh-service");
    const seen = await syncOrg(db, client);
    expect(seen.reviews).toBe(1);
    expect(seen.commits).toBeGreaterThanOrEqual(3);
    // A new repository: found by the pushed list, mirrored with its first commit.
    expect(await mirrorCounts(db.db, { repositories: ["acme/fresh-service"] })).toMatchObject({
      repositories: 1,
      commits: 1,
    });

    // Not seen by construction: a deleted repository, an edited comment (its issue's updated_at
    // does not move), a change search indexes later than the detection's overlap.
    emu.admin.deleteRepository(infra);
    const [comment] = emu.admin.comments(docs);
    if (!comment) throw new Error("a comment expected");
    emu.admin.editComment(docs, comment.id, { body: "edited, silently" });
    emu.admin.setSearchLag(3600);
    const [late] = emu.admin.issues(api);
    emu.admin.addComment(api, late?.number ?? 1, { body: "indexed an hour later" });
    await syncOrg(db, client);
    const missed = await walkOrganization(emu.url, "acme");
    expect(await liveIds(db, "issue_comments")).not.toEqual(missed.commentIds);
    expect((await mirrorCounts(db.db, { org: "acme" })).repositories).toBe(missed.counts.repositories + 1);

    // The full pass, once due, polls every repository.
    await syncOrg(db, client, FULL_PASS_EVERY_MS);
    await expectMirrorEqualsGitHub(db, emu);
  });

  it("keeps serve's detection and sync --org apart: neither hides a change from the other", async () => {
    const { emu, db, client } = await setUp(6);
    await syncOrg(db, client);
    const repos = emu.admin.repositories();
    const tracked = repos.slice(0, 3);
    for (const repo of tracked) await setTracked(db.db, repo.id, true);
    const deps = { db: db.db, client, log: silentLog, progress: new Progress(), clock: systemClock };
    const trackedIds = new Set(tracked.map((repo) => repo.id));
    await (await detectTrackedChanges(deps, "acme", trackedIds)).settle();

    // A comment in a tracked repository and one in an untracked one.
    const inTracked = tracked[1]?.full_name ?? "";
    const inUntracked = repos[4]?.full_name ?? "";
    for (const name of [inTracked, inUntracked]) {
      const [issue] = emu.admin.issues(name);
      emu.admin.addComment(name, issue?.number ?? 1, { body: "seen by both scopes" });
    }
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    // serve's tick sees only its tracked one and moves its own marks…
    const tick = await detectTrackedChanges(deps, "acme", trackedIds);
    expect(tick.targets.map((repo) => repo.fullName)).toEqual([inTracked]);
    await tick.settle();
    // …and `sync --org` still finds both.
    const run = await syncOrg(db, client);
    expect(run.comments).toBe(2);
    await expectMirrorEqualsGitHub(db, emu);
  });
});
