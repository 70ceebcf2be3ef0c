/**
 * Scale-out: three `ghsync worker` processes share the syncs of 8 repositories through one
 * PostgreSQL. The mirror equals GitHub, no repository is synced by two workers at once, and the
 * job of a worker killed with SIGKILL mid-sync completes on another. Eight is more than the six
 * jobs the workers run at once (three processes, concurrency 2): jobs still queue for a free worker.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countsDiffering, recordFault } from "../helpers/fault-figures.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { enqueueReconcile, enqueueSync } from "../../src/jobs/enqueue.js";
import { EventBus, type JobEvent } from "../../src/jobs/events.js";
import { JobQueue } from "../../src/jobs/queue.js";
import { openDatabase, type Database } from "../../src/store/database.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { jobsWithStatus, listJobs } from "../../src/store/sync-jobs.js";
import { freshPostgres } from "../helpers/databases.js";
import { finished, spawnCli } from "../helpers/run-cli.js";
import { eventually } from "../helpers/server-harness.js";
import { silentLog } from "../helpers/sync-harness.js";
import { walkOrganization } from "../helpers/walk-github.js";

const REPOS = 8;

describe("three ghsync worker processes on PostgreSQL", () => {
  let emulator: RunningEmulator;
  let fresh: Awaited<ReturnType<typeof freshPostgres>>;
  let database: Database;
  let queue: JobQueue;
  let events: EventBus;
  const seen: JobEvent[] = [];
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 5, repos: REPOS, scale: "small", latencyMs: 10 });
    fresh = await freshPostgres();
    database = await openDatabase({ kind: "postgres", url: fresh.url, poolSize: 4 }, { migrate: false });
    queue = await JobQueue.open(database, silentLog, { schedule: false });
    events = new EventBus(database, silentLog);
    await events.subscribe((event) => seen.push(event));
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill("SIGKILL");
    await events?.close();
    await queue?.stop(1_000);
    await database?.close();
    await fresh?.drop();
    await emulator?.close();
  });

  it("share the work, resume a killed worker's job elsewhere, mirror GitHub exactly, and reconcile", async ({
    task,
  }) => {
    const access = { db: database.db, queue };
    for (const repo of emulator.admin.repositories()) {
      await enqueueSync(access, {
        type: "backfill",
        target: repo.full_name,
        params: { depth: "full", track: true },
      });
    }
    const env = {
      DATABASE_URL: fresh.url,
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: "workers-token",
      GHSYNC_RECOVERY_INTERVAL_S: "1",
    };
    for (let i = 0; i < 3; i++) workers.push(spawnCli(["worker", "--concurrency", "2"], env));
    const exits = workers.map((worker) => finished(worker));

    // Kill, mid-sync, the first worker seen running a job in both its slots: every job it took is
    // claimed, so each comes back through its running record (the kill frees its lock) within a
    // sweep — not two minutes later as a queue job taken but never claimed (recover.ts,
    // UNCLAIMED_ACTIVE_MS), which a kill landing between a take and its claim left to chance.
    const victim = await eventually(
      async () => {
        const running = (await jobsWithStatus(database.db, ["running"])).filter(
          (job) => job.worker && job.startedAt,
        );
        return running.find((job) => running.filter((other) => other.worker === job.worker).length === 2);
      },
      60_000,
      "a worker running two jobs",
    );
    const victimPid = Number(victim.worker?.split(":").at(-1));
    const victimProcess = workers.find((worker) => worker.pid === victimPid);
    expect(victimProcess).toBeDefined();
    victimProcess?.kill("SIGKILL");

    await eventually(
      async () => {
        const pending = await jobsWithStatus(database.db, ["queued", "waiting", "running"]);
        return pending.length === 0 ? true : undefined;
      },
      // Generous: two cores shared with the rest of the suite (20 backfills once took 90 s in CI).
      240_000,
      "every job to finish",
    );

    const jobs = await listJobs(database.db, { limit: 100 });
    expect(jobs.filter((job) => job.status !== "completed")).toEqual([]);
    expect(jobs).toHaveLength(REPOS);
    const resumed = jobs.find((job) => job.id === victim.id);
    expect(resumed?.status).toBe("completed");
    expect(resumed?.worker).not.toBe(victim.worker);
    expect(resumed?.attempts).toBeGreaterThanOrEqual(2);
    // More than one worker did the work.
    expect(new Set(jobs.map((job) => job.worker)).size).toBeGreaterThanOrEqual(2);

    const truth = await walkOrganization(emulator.url, "acme");
    const mirrored = await mirrorCounts(database.db, { org: "acme" });
    recordFault(task, {
      family: "process",
      cases: [13],
      injected: 1,
      lost: 0,
      differing: countsDiffering(mirrored, truth.counts),
      crashes: jobs.filter((job) => job.status !== "completed").length,
      serverErrors: 0,
    });
    expect(mirrored).toEqual(truth.counts);

    // One sync per repository at a time: a repository's next start only after its previous run
    // ended — or after the worker running it was killed.
    const open = new Map<string, JobEvent & { type: "sync:start" }>();
    for (const event of seen) {
      if (event.type === "sync:start") {
        const previous = open.get(event.repository);
        if (previous) expect(previous.worker).toBe(victim.worker);
        open.set(event.repository, event);
      } else if (event.type === "sync:complete" || event.type === "sync:error") {
        open.delete(event.repository);
      }
    }
    expect(seen.filter((event) => event.type === "sync:complete")).toHaveLength(REPOS);

    // Activity no webhook announces: reconciliation finds it.
    const repos = emulator.admin.repositories().slice(0, 4);
    for (const repo of repos) {
      emulator.admin.addCommits(repo.full_name, { count: 3 });
      const open = emulator.admin.pulls(repo.full_name).find((pull) => pull.state === "open");
      if (open) emulator.admin.mergePull(repo.full_name, open.number);
      emulator.admin.openIssue(repo.full_name, { title: "found by reconciliation" });
    }
    const reconcile = await enqueueReconcile(access, "api");
    await eventually(
      async () => {
        const [pending] = await jobsWithStatus(database.db, ["queued", "waiting", "running"]);
        const [done] = await listJobs(database.db, { id: reconcile.id, limit: 1 });
        return !pending && done?.status === "completed" ? true : undefined;
      },
      60_000,
      "reconciliation",
    );
    const after = await walkOrganization(emulator.url, "acme");
    expect(after.counts.commits).toBeGreaterThanOrEqual(truth.counts.commits + 12);
    expect(await mirrorCounts(database.db, { org: "acme" })).toEqual(after.counts);

    for (const worker of workers) if (worker !== victimProcess) worker.kill("SIGTERM");
    const results = await Promise.all(exits);
    for (const result of results) {
      if (result.signal !== "SIGKILL") expect(result.code, result.stderr).toBe(0);
    }
  }, 360_000);
});
