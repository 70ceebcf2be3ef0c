/**
 * `ghsync serve` as API clients meet it, on both databases: auth before validation, tracking with
 * a job id at once and live SSE progress to 100%, job history and totals, stats equal to the
 * mirror, rate limits, metrics, reconciliation by cron secret, untracking.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { API_TOKEN, eventually, startTestServer, type TestServer } from "../helpers/server-harness.js";
import { openSse } from "../helpers/sse.js";
import { walkOrganization } from "../helpers/walk-github.js";

interface Job {
  id: number;
  type: string;
  status: string;
  repository: string | null;
  counts: Record<string, number>;
  points_used: number;
  requests: number;
  not_modified: number;
  params: Record<string, unknown>;
}

describe("the HTTP API", () => {
  let emulator: RunningEmulator;
  let server: TestServer;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 11, repos: 2, scale: "small" });
    server = await startTestServer({
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: "api-test-token",
      GHSYNC_CRON_SECRET: "cron-secret-0123456789",
    });
  });
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
  });

  const job = async (id: number) => (await (await server.api(`/api/sync/jobs/${id}`)).json()) as Job;
  const settled = (id: number) =>
    eventually(
      async () => {
        const current = await job(id);
        return ["completed", "failed"].includes(current.status) ? current : undefined;
      },
      60_000,
      `job ${id}`,
    );

  it("answers 401 before looking at the body, 400 with a code for a bad body", async () => {
    const anonymous = await fetch(`${server.url}/api/repos`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "unauthorized" } });
    const wrongToken = await fetch(`${server.url}/api/repos`, { headers: { authorization: "Bearer nope" } });
    expect(wrongToken.status).toBe(401);
    const bad = await server.api("/api/repos", {
      method: "POST",
      body: JSON.stringify({ full_name: "no-slash" }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_request" } });
    const badDepth = await server.api("/api/repos", {
      method: "POST",
      body: JSON.stringify({ full_name: "acme/web", depth: "yesterday" }),
    });
    expect(badDepth.status).toBe(400);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/docs/json`)).status).toBe(200);
  });

  it("tracks a repository at once and streams its backfill to 100% in order", async () => {
    const stream = await openSse(`${server.url}/api/sync/events`, API_TOKEN);
    try {
      const [web] = emulator.admin.repositories();
      const tracked = await server.api("/api/repos", {
        method: "POST",
        body: JSON.stringify({ full_name: web?.full_name, depth: "full" }),
      });
      expect(tracked.status).toBe(202);
      const { job_id: jobId } = (await tracked.json()) as { job_id: number };
      // Answered before the work: GitHub has not been read for it yet.
      expect(["queued", "running"]).toContain((await job(jobId)).status);
      await stream.until((e) => e.event === "sync:complete" && e.data.job_id === jobId);
      const mine = stream.events.filter((e) => e.data.job_id === jobId);
      expect(mine[0]?.event).toBe("sync:start");
      expect(mine.at(-1)?.event).toBe("sync:complete");
      const progress = mine.filter((e) => e.event === "sync:progress").map((e) => e.data);
      expect(progress.length).toBeGreaterThan(2);
      const done = progress.map((p) => p.done as number);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(progress.at(-1)).toMatchObject({ percent: 100 });
      for (const p of progress)
        expect(p).toMatchObject({ repository: web?.full_name, eta_s: expect.anything() });

      // The start-up reconciliation may sync it once more right after: wait until it rests.
      const list = await eventually(
        async () => {
          const body = (await (await server.api("/api/repos")).json()) as {
            items: Record<string, unknown>[];
          };
          return body.items.every((item) => item.state === "up_to_date") ? body : undefined;
        },
        30_000,
        "the repository to be up to date",
      );
      expect(list.items).toEqual([
        expect.objectContaining({
          full_name: web?.full_name,
          state: "up_to_date",
          coverage: 100,
          depth: "full",
        }),
      ]);
      const finished = await job(jobId);
      expect(finished).toMatchObject({ type: "backfill", status: "completed", repository: web?.full_name });
      expect(finished.counts.commits).toBeGreaterThan(0);
      expect(finished.points_used).toBeGreaterThan(0);
    } finally {
      stream.close();
    }
  });

  it("mirrors every tracked repository equal to GitHub, and the stats endpoint says so", async () => {
    const [, api] = emulator.admin.repositories();
    const tracked = await server.api("/api/repos", {
      method: "POST",
      body: JSON.stringify({ full_name: api?.full_name, depth: "full" }),
    });
    await settled(((await tracked.json()) as { job_id: number }).job_id);
    const truth = await walkOrganization(emulator.url, "acme");
    const stats = await (await server.api("/api/stats?org=acme")).json();
    expect(stats).toEqual(truth.counts);
    expect(stats).toEqual(await mirrorCounts(server.database.db, { org: "acme" }));
  });

  it("a second request for a pending sync joins it instead of queueing twice", async () => {
    const [web] = emulator.admin.repositories();
    const [first, second] = await Promise.all(
      [1, 2].map(
        async () =>
          (await (await server.api(`/api/sync/repos/${web?.full_name}`, { method: "POST" })).json()) as {
            job_id: number;
          },
      ),
    );
    expect(first?.job_id).toBe(second?.job_id);
    const finished = await settled(first?.job_id as number);
    // Nothing changed upstream: every request is a free 304.
    expect(finished).toMatchObject({ type: "incremental", status: "completed", points_used: 0 });
    expect(finished.requests).toBe(finished.not_modified);
  });

  it("reconciles on an external cron's secret and syncs every tracked repository", async () => {
    expect((await fetch(`${server.url}/api/sync/reconcile`, { method: "POST" })).status).toBe(401);
    const response = await fetch(`${server.url}/api/sync/reconcile`, {
      method: "POST",
      headers: { "x-cron-secret": "cron-secret-0123456789" },
    });
    expect(response.status).toBe(202);
    const reconcile = await settled(((await response.json()) as { job_id: number }).job_id);
    expect(reconcile).toMatchObject({ type: "reconcile", status: "completed", params: { repositories: 2 } });
  });

  it("lists jobs with filters and cursors, totals, rate limits and metrics", async () => {
    const page = (await (await server.api("/api/sync/jobs?type=backfill&limit=1")).json()) as {
      items: Job[];
      next_cursor: string | null;
    };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]?.type).toBe("backfill");
    expect(page.next_cursor).not.toBeNull();
    const next = (await (
      await server.api(`/api/sync/jobs?type=backfill&cursor=${page.next_cursor}`)
    ).json()) as {
      items: Job[];
    };
    expect(next.items.map((j) => j.id)).not.toContain(page.items[0]?.id);
    const stats = (await (await server.api("/api/sync/stats")).json()) as Record<string, unknown>;
    expect(stats).toMatchObject({ success_rate: 1, failed: 0 });
    expect(stats.rows_imported).toBeGreaterThan(0);
    const limits = (await (await server.api("/api/rate-limits")).json()) as {
      items: Record<string, unknown>[];
    };
    // REST and GraphQL budgets are GitHub's two resources, each with its own ledger row.
    expect(limits.items).toHaveLength(2);
    expect(limits.items).toEqual(
      expect.arrayContaining(
        ["core", "graphql"].map((resource) =>
          expect.objectContaining({ credential: "GITHUB_TOKEN #1", resource, status: "valid", limit: 5000 }),
        ),
      ),
    );
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const metrics = await (await server.api("/metrics")).text();
    expect(metrics).toMatch(/ghsync_jobs\{type="backfill",status="completed"\} 2/);
    expect(metrics).toMatch(/ghsync_rows_upserted_total\{entity="commits"\} \d+/);
    expect(metrics).toMatch(
      /ghsync_rate_limit_remaining\{credential="GITHUB_TOKEN #1",resource="core"\} \d+/,
    );
    expect(metrics).toMatch(/^ghsync_staleness_seconds\{quantile="0.95"\} \d+$/m);
    // Anyone learns only whether it is up (issue 20); a caller with a token also sees the backlog.
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({
      status: "ok",
      database: { ok: true },
    });
    expect(
      (await fetch(`${server.url}/api/health`, { headers: { authorization: "Bearer wrong" } })).status,
    ).toBe(401);
    const health = (await (await server.api("/api/health")).json()) as Record<string, unknown>;
    expect(health).toMatchObject({
      status: "ok",
      database: { ok: true, kind: expect.any(String) },
      queue: { depth: expect.any(Number) },
      credentials: [expect.objectContaining({ label: "GITHUB_TOKEN #1", status: "valid" })],
    });
  });

  it("untracks a repository, keeping its rows", async () => {
    const [web] = emulator.admin.repositories();
    expect((await server.api(`/api/repos/${web?.full_name}`, { method: "DELETE" })).status).toBe(204);
    expect((await server.api(`/api/repos/${web?.full_name}`, { method: "DELETE" })).status).toBe(404);
    const list = (await (await server.api("/api/repos")).json()) as { items: { full_name: string }[] };
    expect(list.items.map((r) => r.full_name)).not.toContain(web?.full_name);
    const stats = (await (await server.api(`/api/stats?repo=${web?.full_name}`)).json()) as {
      commits: number;
    };
    expect(stats.commits).toBeGreaterThan(0);
  });
});
