/**
 * A job that cannot succeed fails on its first attempt with an error that says why, instead of
 * being retried as if GitHub or the network were at fault (jobs/classify-failure.ts): params that
 * do not parse (jobs/job-params.ts), and a bug of ours — here a GitHub answer of a shape the
 * normalizer cannot read, injected by the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { carry } from "../../src/jobs/enqueue.js";
import { insertJob, loadJob } from "../../src/store/sync-jobs.js";
import { eventually, startTestServer, type TestServer } from "../helpers/server-harness.js";

describe("jobs that cannot succeed", () => {
  let emulator: RunningEmulator;
  let server: TestServer;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 21, repos: 1, scale: "small" });
    server = await startTestServer({ GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "failures-token" });
  });
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
  });

  async function settledJob(id: number) {
    return eventually(
      async () => {
        const job = await loadJob(server.database.db, id);
        return job && ["completed", "failed"].includes(job.status) ? job : undefined;
      },
      30_000,
      `job ${id} to end`,
    );
  }

  it("fails a sync whose params do not parse at once, naming the field", async () => {
    const [repo] = emulator.admin.repositories();
    const { job } = await insertJob(server.database.db, {
      type: "backfill",
      target: repo?.full_name,
      params: { depth: 30, track: true },
      priority: 10,
    });
    await carry({ db: server.database.db, queue: server.runner.queue }, job);
    const ended = await settledJob(job.id);
    expect(ended).toMatchObject({ status: "failed", reason: null, requests: 0, attempts: 1 });
    expect(ended.error).toMatch(
      new RegExp(`^the params of backfill job ${job.id} do not parse: .*\\n.*depth`),
    );
  });

  it("fails a job on a bug of ours (a normalizer's TypeError) on the first attempt, as an internal error", async () => {
    const [repo] = emulator.admin.repositories();
    await emulator.admin.setFaults({ failNext: { count: 1, status: "malformed" } });
    const response = await server.api("/api/repos", {
      method: "POST",
      body: JSON.stringify({ full_name: repo?.full_name }),
    });
    expect(response.status).toBe(202);
    const { job_id } = (await response.json()) as { job_id: number };
    const ended = await settledJob(job_id);
    expect(ended).toMatchObject({ status: "failed", reason: null, attempts: 1 });
    expect(ended.error).toMatch(/^internal error: Cannot read properties of undefined/);
  });
});
