/**
 * The scheduler of `serve` (issue 17, parts 2 and 5): each reconciliation tick asks GitHub what
 * changed across the organization and queues only those syncs; changes of every kind reach the
 * mirror, a quiet repository stays current without a poll of its own, and what the fast signals
 * miss by construction (a deleted repository, a silently edited comment) is caught by the full
 * pass. The truth is an independent walk of the emulator's REST API.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { enqueueReconcile } from "../../src/jobs/enqueue.js";
import { queryRows } from "../../src/store/raw-query.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { loadJob } from "../../src/store/sync-jobs.js";
import { settled, startTestServer, trackInFull, type TestServer } from "../helpers/server-harness.js";
import { walkOrganization } from "../helpers/walk-github.js";

const TOKEN = "scheduler-token";
/** GitHub stamps whole seconds: changes made before this pause are older than the next tick's read. */
const pastThisSecond = () => new Promise((resolve) => setTimeout(resolve, 2_100));

/** An emulated organization of `repos` tiny repositories, every one tracked by a test server. */
async function startWorld(seed: number, repos: number, env: NodeJS.ProcessEnv = {}) {
  const emulator = await startEmulator({ port: 0, seed, repos, scale: "tiny", rateLimit: 1_000_000 });
  const server = await startTestServer({
    GITHUB_API_URL: emulator.url,
    GITHUB_TOKEN: TOKEN,
    // Ticks are fired by the test.
    GHSYNC_RECONCILE_CRON: "0 0 1 1 *",
    ...env,
  });
  await trackInFull(
    server,
    emulator.admin.repositories().map((repo) => repo.full_name),
  );
  return { emulator, server };
}

/** One reconciliation tick, run to the end with the syncs it queued: its record's result. */
async function tick(server: TestServer): Promise<Record<string, unknown>> {
  const db = server.database.db;
  const job = await enqueueReconcile({ db, queue: server.runner.queue }, "startup");
  await settled(db, "the tick and its syncs");
  const done = await loadJob(db, job.id);
  expect(done?.status).toBe("completed");
  return { ...done?.params, requests: done?.requests, points_used: done?.pointsUsed };
}

describe("the scheduler of serve", () => {
  let emulator: RunningEmulator;
  let server: TestServer;
  beforeAll(async () => {
    ({ emulator, server } = await startWorld(23, 10));
  });
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
  });

  /** The repositories the syncs queued after job `after` were for. */
  async function syncedSince(after: number): Promise<string[]> {
    const rows = await queryRows<{ full_name: string }>(
      server.database.db,
      sql`select r.full_name from sync_jobs j join repositories r on r.id = j.repository_id
           where j.id > ${after} and j.type in ('incremental', 'backfill') order by 1`,
    );
    return rows.map((row) => row.full_name);
  }

  const lastJobId = async () =>
    Number(
      (await queryRows<{ id: string }>(server.database.db, sql`select max(id) as id from sync_jobs`))[0]
        ?.id ?? 0,
    );

  async function expectMirrorEqualsGitHub(): Promise<void> {
    const truth = await walkOrganization(emulator.url, "acme");
    expect(await mirrorCounts(server.database.db, { org: "acme" })).toEqual(truth.counts);
  }

  it("polls every repository on its first tick (the full pass), then only what changed", async () => {
    const first = await tick(server);
    expect(first).toMatchObject({
      repositories: 10,
      watched_owners: 1,
      changed: 0,
      full_pass: 10,
      queued: 10,
      deferred: 0,
    });
    // The watched organization's teams are read by the tick too (every 15 minutes: reconcile-teams.ts).
    const [teams] = await queryRows<{ n: number }>(
      server.database.db,
      sql`select count(*)::int as n from teams`,
    );
    expect(teams?.n).toBeGreaterThan(0);
    const status = (await (await server.api("/api/status")).json()) as { staleness: Record<string, number> };
    expect(status.staleness).toMatchObject({ repositories: 10, never_synced: 0 });
    expect(status.staleness.max_s).toBeLessThan(60);

    // A comment only, a review only, a push only, a label only, a new issue.
    const names = emulator.admin.repositories().map((repo) => repo.full_name);
    const [commented, pushed, labelled, opened] = names;
    if (!commented || !pushed || !labelled || !opened) throw new Error("repositories expected");
    const [issue] = emulator.admin.issues(commented);
    emulator.admin.addComment(commented, issue?.number ?? 1, { body: "seen by search only" });
    emulator.admin.addCommits(pushed, { count: 1 });
    const [another] = emulator.admin.issues(labelled);
    emulator.admin.editIssue(labelled, another?.number ?? 1, { labels: ["bug"] });
    emulator.admin.openIssue(opened, { title: "a new issue" });
    const reviewed = names
      .slice(4)
      .flatMap((name) => emulator.admin.pulls(name).map((pull) => ({ name, pull })))
      .find(({ pull }) => pull.state === "open");
    if (!reviewed) throw new Error("an open pull request expected");
    emulator.admin.addReview(reviewed.name, reviewed.pull.number, { state: "APPROVED" });
    await pastThisSecond();

    const before = await lastJobId();
    const second = await tick(server);
    const expected = [commented, pushed, labelled, opened, reviewed.name].sort();
    expect(second).toMatchObject({ changed: 5, queued: 5, deferred: 0 });
    expect(await syncedSince(before)).toEqual(expected);
    await expectMirrorEqualsGitHub();

    // Nothing changed: the pushed list answers 304, one search finds nothing new; nothing queued.
    const idleFrom = await lastJobId();
    const idle = await tick(server);
    expect(idle).toMatchObject({ changed: 0, queued: 0, points_used: 0 });
    expect(idle.requests).toBeLessThanOrEqual(2);
    expect(await syncedSince(idleFrom)).toEqual([]);
    // Yet every repository is known current as of that tick; what polling spent is shown.
    const after = (await (await server.api("/api/status")).json()) as {
      staleness: Record<string, number>;
      polling: Record<string, number>;
    };
    expect(after.staleness.max_s).toBeLessThan(30);
    const spent = await queryRows<{ points: string }>(
      server.database.db,
      sql`select coalesce(sum(points_used), 0) as points from sync_jobs
           where type = 'reconcile' or params->>'scheduled' = 'true'`,
    );
    // The emulator's token has 1,000,000 points an hour; the default share is 20%.
    expect(after.polling).toEqual({
      share: 0.2,
      points_per_hour: 200_000,
      spent_last_hour: Number(spent[0]?.points),
    });
    const metrics = await (await server.api("/metrics")).text();
    expect(metrics).toMatch(/^ghsync_poll_budget_points 200000$/m);
    expect(metrics).toMatch(/^ghsync_staleness_seconds\{quantile="0.95"\} \d+$/m);
  });

  it("the full pass, once due, catches what the signals cannot see", async () => {
    const names = emulator.admin.repositories().map((repo) => repo.full_name);
    const [gone, edited] = names.slice(-2);
    if (!gone || !edited) throw new Error("repositories expected");
    emulator.admin.deleteRepository(gone);
    const [comment] = emulator.admin.comments(edited);
    if (!comment) throw new Error("a comment expected");
    emulator.admin.editComment(edited, comment.id, { body: "edited, silently" });
    await pastThisSecond();
    const unseen = await tick(server);
    expect(unseen).toMatchObject({ changed: 0, queued: 0 });

    // A day later (the watch's last full pass moved back), every tracked repository is polled.
    await server.database.db.execute(
      sql`update org_watches set full_pass_at = full_pass_at - interval '25 hours' where scope = 'tracked'`,
    );
    const full = await tick(server);
    expect(full).toMatchObject({ changed: 0, full_pass: 9, queued: 9 });
    await expectMirrorEqualsGitHub();
  });
});

describe("the scheduler held to its polling budget", () => {
  let emulator: RunningEmulator;
  let server: TestServer;
  beforeAll(async () => {
    // 0.0004% of the token's 1,000,000 points an hour: 4 points, less than four changes cost.
    ({ emulator, server } = await startWorld(24, 6, { GHSYNC_POLL_BUDGET: "0.0004%" }));
  });
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
  });

  it("polls the full pass whatever the budget, defers changes past it, and starves none", async () => {
    // The full pass's polls answer 304: they cost nothing, so the budget holds none back.
    expect(await tick(server)).toMatchObject({ full_pass: 6, queued: 6, deferred: 0 });

    const names = emulator.admin.repositories().map((repo) => repo.full_name);
    for (const name of names.slice(0, 4)) emulator.admin.addCommits(name, { count: 1 });
    await pastThisSecond();
    const held = await tick(server);
    expect(held).toMatchObject({ changed: 4, budget_points: 4 });
    expect(held.deferred).toBeGreaterThan(0);
    expect(Number(held.queued) + Number(held.deferred)).toBe(4);

    // Hours later (their last known current moved back past GHSYNC_MAX_STALENESS_S), the ones
    // still waiting are synced whatever the budget.
    await server.database.db.execute(
      sql`update repositories set current_at = current_at - interval '7 hours' where changed_at is not null`,
    );
    const overdue = await tick(server);
    expect(overdue).toMatchObject({ queued: held.deferred, deferred: 0 });
    const truth = await walkOrganization(emulator.url, "acme");
    expect(await mirrorCounts(server.database.db, { org: "acme" })).toEqual(truth.counts);
  });
});
