/**
 * Verification as a job (issue 15, parts 3 and 4): `POST /api/sync/verify` queues a `verify`
 * record that a worker runs — here for the tracked repositories — and whose record keeps the
 * report; what it found (a comment deleted with no webhook) is repaired in the mirror.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { issueComments } from "../../src/store/schema.js";
import { queryRows } from "../../src/store/raw-query.js";
import { QUEUES } from "../../src/jobs/queue.js";
import { jobsWithStatus, loadJob } from "../../src/store/sync-jobs.js";
import { settled, startTestServer, trackInFull, type TestServer } from "../helpers/server-harness.js";
import { eventually } from "../helpers/settled.js";

describe("the verify job", () => {
  let emulator: RunningEmulator;
  let server: TestServer;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 61, repos: 2, scale: "small" });
    server = await startTestServer({ GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "verify-job-token" });
    await trackInFull(server, ["acme/web"]);
  });
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
  });

  it("runs from the API on the tracked repositories, repairs what it finds and keeps the report", async () => {
    const [comment] = emulator.admin.comments("acme/web");
    if (!comment) throw new Error("a comment expected");
    emulator.admin.deleteComment("acme/web", comment.id);

    const answer = await server.api("/api/sync/verify", { method: "POST", body: "{}" });
    expect(answer.status).toBe(202);
    const { job_id: jobId } = (await answer.json()) as { job_id: number };
    await settled(server.database.db, "the verification");

    const job = await loadJob(server.database.db, jobId);
    expect(job).toMatchObject({ type: "verify", status: "completed" });
    expect(job?.requests).toBeGreaterThan(0);
    // None named: the tracked one; the report is kept on the record.
    expect((job?.params as Record<string, unknown>).report).toMatchObject({ repositories: 1, deleted: 1 });
    const [row] = await server.database.db
      .select({ deletedAt: issueComments.deletedAt })
      .from(issueComments)
      .where(and(eq(issueComments.id, comment.id)));
    expect(row?.deletedAt).not.toBeNull();
    const view = (await (await server.api(`/api/sync/jobs/${jobId}`)).json()) as Record<string, unknown>;
    expect(view).toMatchObject({ type: "verify", status: "completed" });
    // The drift it found is counted for monitoring.
    const metrics = await (await server.api("/metrics")).text();
    expect(metrics).toMatch(/^ghsync_verify_repaired_total\{kind="deleted"\} 1$/m);
  });

  it("shows each repository's last verification in the repositories list", async () => {
    const list = (await (await server.api("/api/repos")).json()) as {
      items: { full_name: string; last_verification: Record<string, unknown> | null }[];
    };
    const web = list.items.find((item) => item.full_name === "acme/web");
    expect(web?.last_verification).toMatchObject({ checked: expect.any(Number), deleted: 1, moved: 0 });
    expect(Date.parse(String(web?.last_verification?.finished_at))).toBeGreaterThan(Date.now() - 60_000);
  });

  it("refuses a malformed body", async () => {
    const answer = await server.api("/api/sync/verify", {
      method: "POST",
      body: JSON.stringify({ repositories: ["nope"] }),
    });
    expect(answer.status).toBe(400);
  });
});

describe("a verification held to its budget", () => {
  let emulator: RunningEmulator;
  let server: TestServer;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 62, repos: 3, scale: "small" });
    // 0.1% of the token's 5,000 points an hour: 5 points, less than one repository costs.
    server = await startTestServer({
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: "verify-budget-token",
      GHSYNC_VERIFY_BUDGET: "0.1%",
    });
    await trackInFull(
      server,
      emulator.admin.repositories().map((repo) => repo.full_name),
    );
  });
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
  });

  it("stops once its share is spent, waits an hour, and resumes with the repositories that remain", async () => {
    const db = server.database.db;
    const answer = await server.api("/api/sync/verify", { method: "POST", body: "{}" });
    const { job_id: jobId } = (await answer.json()) as { job_id: number };
    const waiting = await eventually(
      async () => {
        const job = await loadJob(db, jobId);
        // Waiting and carried: the record turns `waiting` a moment before its next queue job is attached.
        return job?.status === "waiting" && job.queueJobId !== null ? job : undefined;
      },
      60_000,
      "the verification to wait",
    );
    const params = waiting.params as {
      remaining: string[];
      report: { repositories: number; points_used: number };
    };
    expect(params.report.repositories).toBe(1);
    expect(params.report.points_used).toBeGreaterThanOrEqual(5);
    expect(params.remaining).toHaveLength(2);
    expect(waiting.reason).toMatch(/^verification budget spent \(0\.1% of 5000 points an hour\)/);
    const inAnHour = Date.now() + 3_600_000;
    expect(Math.abs((waiting.resumeAt?.getTime() ?? 0) - inAnHour)).toBeLessThan(60_000);

    // The daily tick while it waits starts nothing of its own: this one goes on.
    await server.runner.queue.send(QUEUES.verify, {});
    const tick = await eventually(
      async () => {
        const rows = await jobsWithStatus(db, ["completed"]);
        return rows.find((row) => row.type === "verify" && row.id !== jobId);
      },
      30_000,
      "the tick's record",
    );
    expect(tick.params).toMatchObject({
      trigger: "schedule",
      skipped: `verification job ${jobId} is still under way`,
    });
    expect(tick.requests).toBe(0);

    // Each hour (its queue job made due now) it goes on with what remains: one repository a run
    // here, since each costs more than the budget, and at least one is always done.
    let runs = 1;
    let job = waiting;
    while (job.status === "waiting") {
      await queryRows(db, sql`update pgboss.job set start_after = now() where id = ${job.queueJobId}`);
      job = await eventually(
        async () => {
          const row = await loadJob(db, jobId);
          const finished = row?.status === "completed" || row?.status === "failed";
          const carried = row?.queueJobId != null && row.queueJobId !== job.queueJobId;
          return finished || (row?.status === "waiting" && carried) ? row : undefined;
        },
        60_000,
        "the verification to go on",
      );
      runs++;
    }
    const done = job;
    const report = (done.params as { report: Record<string, number>; remaining: unknown }).report;
    expect(done.status).toBe("completed");
    expect(report.repositories).toBe(3);
    expect(runs).toBe(3);
    expect((done.params as { remaining: unknown }).remaining).toBeNull();
    expect(done.requests).toBe(report.requests);
    // Four waits in a row, each with its own limit (and message) should one of them stall.
  }, 240_000);
});
