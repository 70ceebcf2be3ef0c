/**
 * A job never blocks a worker and never loses work: out of rate limit it waits (status `waiting`,
 * with the reset time and the reason) and resumes after the reset without ever exceeding the
 * limit; on shutdown it goes back to the queue and the next process finishes it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Database } from "../../src/store/database.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { loadJob } from "../../src/store/sync-jobs.js";
import { freshDatabase } from "../helpers/databases.js";
import { API_TOKEN, eventually, startTestServer, type TestServer } from "../helpers/server-harness.js";
import { openSse } from "../helpers/sse.js";
import { walkOrganization } from "../helpers/walk-github.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** The job once it has `status`, within `timeoutMs`. */
function jobInStatus(db: Database["db"], jobId: number, status: string, timeoutMs: number, what: string) {
  return eventually(
    async () => {
      const job = await loadJob(db, jobId);
      return job?.status === status ? job : undefined;
    },
    timeoutMs,
    what,
  );
}

async function track(server: TestServer, fullName: string): Promise<number> {
  const response = await server.api("/api/repos", {
    method: "POST",
    body: JSON.stringify({ full_name: fullName, depth: "full" }),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { job_id: number }).job_id;
}

describe("job lifecycle", () => {
  let emulator: RunningEmulator;

  it("waits for the rate-limit reset with a visible reason, resumes, never exceeds the limit", async () => {
    emulator = await startEmulator({
      port: 0,
      seed: 3,
      repos: 1,
      scale: "small",
      rateLimit: 100,
      rateWindowS: 3,
    });
    cleanups.push(() => emulator.close());
    const server = await startTestServer({
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: "budget-token",
      GHSYNC_JOB_MAX_WAIT_S: "0",
      // REST's core budget is the one spent out here (GraphQL's: sync-graphql-resilience.test.ts).
      GHSYNC_API: "rest",
    });
    cleanups.push(() => server.close());
    const stream = await openSse(`${server.url}/api/sync/events`, API_TOKEN);
    cleanups.push(async () => stream.close());
    const [repo] = emulator.admin.repositories();
    const jobId = await track(server, repo?.full_name as string);

    const waiting = await jobInStatus(server.database.db, jobId, "waiting", 30_000, "the job to wait");
    expect(waiting.reason).toMatch(/rate.limit/i);
    expect(waiting.resumeAt?.getTime()).toBeGreaterThan(Date.now() - 5_000);
    const listed = (await (await server.api("/api/repos")).json()) as { items: Record<string, unknown>[] };
    expect(listed.items[0]).toMatchObject({ state: "waiting", resume_at: expect.any(String) });

    await stream.until((e) => e.event === "sync:complete" && e.data.job_id === jobId, 120_000);
    expect(stream.events.some((e) => e.event === "sync:error" && e.data.status === "waiting")).toBe(true);
    const done = await loadJob(server.database.db, jobId);
    expect(done).toMatchObject({ status: "completed" });
    expect(emulator.admin.requestStats()["budget-token"]?.rate_limited ?? 0).toBe(0);
    // The same seed without the tiny limit serves the same data, for the independent walk.
    const twin = await startEmulator({ port: 0, seed: 3, repos: 1, scale: "small" });
    cleanups.push(() => twin.close());
    const truth = await walkOrganization(twin.url, "acme");
    expect(await mirrorCounts(server.database.db, { org: "acme" })).toEqual(truth.counts);
  });

  it("waits for GraphQL's own budget the same way, and finishes equal to the truth", async () => {
    // Three pages of pull requests (3 points each), then the jobs (1 point a query) and commits'
    // checks (6 points a query of 50 commits), on a budget of 7 a window: each window pays a
    // query or two.
    const world = { seed: 5, repos: 1, scale: "small" as const, pullsPerRepo: 250 };
    const tight = await startEmulator({ port: 0, ...world, graphqlRateLimit: 7, rateWindowS: 3 });
    cleanups.push(() => tight.close());
    const server = await startTestServer({
      GITHUB_API_URL: tight.url,
      GITHUB_TOKEN: "graphql-budget-token",
      GHSYNC_JOB_MAX_WAIT_S: "0",
      GHSYNC_API: "graphql",
    });
    cleanups.push(() => server.close());
    const [repo] = tight.admin.repositories();
    const jobId = await track(server, repo?.full_name as string);
    const waiting = await jobInStatus(
      server.database.db,
      jobId,
      "waiting",
      30_000,
      "the job to wait for GraphQL's reset",
    );
    expect(waiting.reason).toMatch(/graphql rate limit/i);
    const done = await jobInStatus(server.database.db, jobId, "completed", 60_000, "the job to complete");
    expect(done.status).toBe("completed");
    expect(tight.admin.requestStats()["graphql-budget-token"]?.graphql_points).toBeGreaterThan(7);
    const twin = await startEmulator({ port: 0, ...world });
    cleanups.push(() => twin.close());
    const truth = await walkOrganization(twin.url, "acme");
    expect(await mirrorCounts(server.database.db, { org: "acme" })).toEqual(truth.counts);
  });

  it("hands a running job back on shutdown; the next process finishes it", async () => {
    const slow = await startEmulator({ port: 0, seed: 4, repos: 1, scale: "small", latencyMs: 150 });
    cleanups.push(() => slow.close());
    const database: Database = await freshDatabase({ poolSize: 12 });
    cleanups.push(() => database.close());
    const env = { GITHUB_API_URL: slow.url, GITHUB_TOKEN: "shutdown-token" };
    const first = await startTestServer(env, database);
    const [repo] = slow.admin.repositories();
    const jobId = await track(first, repo?.full_name as string);
    await eventually(
      async () => {
        const job = await loadJob(database.db, jobId);
        return job?.status === "running" && job.startedAt ? job : undefined;
      },
      30_000,
      "the job to run",
    );
    // Mid-walk: GitHub (the emulator) has answered the running job, so its hand-back has a tally.
    const answered = () => slow.admin.requestStats()["shutdown-token"]?.requests ?? 0;
    const atStart = answered();
    await eventually(async () => (answered() > atStart ? true : undefined), 30_000, "a request");
    await first.close();
    const handedBack = await loadJob(database.db, jobId);
    expect(handedBack).toMatchObject({ status: "queued", reason: expect.stringMatching(/interrupted/) });
    expect(handedBack?.requests).toBeGreaterThan(0);

    // The latency only kept the first process mid-walk; the next one may finish at full speed.
    slow.admin.setFaults({ latencyMs: 0 });
    const second = await startTestServer(env, database);
    cleanups.push(() => second.close());
    const finished = await jobInStatus(database.db, jobId, "completed", 60_000, "the job to finish");
    expect(finished.attempts).toBe(2);
    const truth = await walkOrganization(slow.url, "acme");
    expect(await mirrorCounts(database.db, { org: "acme" })).toEqual(truth.counts);
  });
});
