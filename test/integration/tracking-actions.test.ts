/**
 * Track, untrack and cancel give the same result through the CLI and the API (app/): a repository
 * mirrored in full stays full whatever depth a later track asks, untracking cancels its pending
 * syncs, and only queued or waiting jobs can be cancelled. Both sides share one database; the
 * server has no GitHub credential, so the jobs it queues stay queued for the test to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { repositories, syncJobs } from "../../src/store/schema.js";
import { runCli } from "../helpers/run-cli.js";
import { startServerForCli, type TestServer } from "../helpers/server-harness.js";
import { setTracked } from "../../src/store/tracking.js";

describe("track, untrack and cancel through the CLI and the API", () => {
  let emulator: RunningEmulator;
  let server: TestServer;
  let env: NodeJS.ProcessEnv;
  let close: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 41, repos: 2, scale: "small" });
    const shared = await startServerForCli();
    ({ server, close } = shared);
    env = { DATABASE_URL: shared.databaseUrl, GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "tracking-token" };
  });
  afterAll(async () => {
    await close();
    await emulator?.close();
  });

  const row = async (fullName: string) => {
    const [repo] = await server.database.db
      .select()
      .from(repositories)
      .where(eq(repositories.fullName, fullName));
    return repo;
  };
  const jobsOf = (repositoryId: number) =>
    server.database.db.select().from(syncJobs).where(eq(syncJobs.repositoryId, repositoryId));

  it("keeps a repository mirrored in full at full, whichever side asks for less", async () => {
    const full = await runCli(["track", "acme/api", "--full"], env);
    expect(full.stderr).toBe("");
    expect((await row("acme/api"))?.syncDepth).toBe("full");

    const viaApi = await server.api("/api/repos", {
      method: "POST",
      body: JSON.stringify({ full_name: "acme/api", depth: "30d" }),
    });
    expect(viaApi.status).toBe(202);
    expect(await viaApi.json()).toMatchObject({ full_name: "acme/api", depth: "full" });
    expect((await row("acme/api"))?.syncDepth).toBe("full");

    const viaCli = await runCli(["track", "acme/api", "--since", "30d"], env);
    expect(viaCli.stdout).toMatch(/^tracking acme\/api \(depth full\)/);
    expect((await row("acme/api"))?.syncDepth).toBe("full");

    // A track job (a request by name that the job resolves) keeps the rule too.
    await setTracked(server.database.db, (await row("acme/api"))?.id ?? 0, true, "7d");
    expect((await row("acme/api"))?.syncDepth).toBe("full");
  });

  it("untracks and cancels the pending syncs, through either side", async () => {
    for (const [side, untrack] of [
      ["cli", async () => (await runCli(["untrack", "acme/api"], env)).code],
      ["api", async () => (await server.api("/api/repos/acme/api", { method: "DELETE" })).status],
    ] as const) {
      const queued = await server.api("/api/repos", {
        method: "POST",
        body: JSON.stringify({ full_name: "acme/api" }),
      });
      expect(queued.status, side).toBe(202);
      const repo = await row("acme/api");
      expect(
        (await jobsOf(repo?.id ?? 0)).some((job) => job.status === "queued"),
        side,
      ).toBe(true);
      expect(await untrack(), side).toBe(side === "cli" ? 0 : 204);
      expect((await row("acme/api"))?.tracked, side).toBe(false);
      expect(
        (await jobsOf(repo?.id ?? 0)).map((job) => job.status),
        side,
      ).not.toContain("queued");
    }
    const again = await runCli(["untrack", "acme/api"], env);
    expect([again.code, again.stderr]).toEqual([1, "ghsync: acme/api is not tracked\n"]);
    const apiAgain = await server.api("/api/repos/acme/api", { method: "DELETE" });
    expect([apiAgain.status, await apiAgain.json()]).toEqual([
      404,
      { error: { code: "not_tracked", message: "acme/api is not tracked" } },
    ]);
  });

  it("cancels a queued job once, and refuses what is not queued or waiting", async () => {
    for (const side of ["cli", "api"] as const) {
      const queued = await server.api("/api/repos", {
        method: "POST",
        body: JSON.stringify({ full_name: `acme/web-${side}` }),
      });
      const { job_id: id } = (await queued.json()) as { job_id: number };
      if (side === "cli") {
        const result = await runCli(["cancel", String(id), "--json"], env);
        expect(result.stderr).toBe("");
        expect(JSON.parse(result.stdout)).toMatchObject({
          id,
          status: "cancelled",
          reason: "cancelled on request",
        });
        const twice = await runCli(["cancel", String(id)], env);
        expect([twice.code, twice.stderr]).toEqual([
          1,
          `ghsync: job ${id} is cancelled: only queued and waiting jobs can be cancelled\n`,
        ]);
      } else {
        const cancelled = await server.api(`/api/sync/jobs/${id}/cancel`, { method: "POST" });
        expect([cancelled.status, await cancelled.json()]).toEqual([
          200,
          expect.objectContaining({ id, status: "cancelled", reason: "cancelled on request" }),
        ]);
        const twice = await server.api(`/api/sync/jobs/${id}/cancel`, { method: "POST" });
        expect([twice.status, ((await twice.json()) as { error: { code: string } }).error.code]).toEqual([
          409,
          "not_cancellable",
        ]);
      }
    }
    expect((await server.api("/api/sync/jobs/999999/cancel", { method: "POST" })).status).toBe(404);
    expect((await runCli(["cancel", "999999"], env)).stderr).toBe("ghsync: no job 999999\n");
  });

  it("names a repository that is not in the mirror instead of counting zeros (issue 20, finding 5)", async () => {
    const message = "acme/typo is not in the mirror: sync or track it first (ghsync sync acme/typo)";
    const cli = await runCli(["stats", "acme/typo", "--json"], env);
    expect([cli.code, cli.stdout, cli.stderr]).toEqual([1, "", `ghsync: ${message}\n`]);
    const api = await server.api("/api/stats?repo=acme/typo");
    expect([api.status, await api.json()]).toEqual([404, { error: { code: "not_found", message } }]);
  });

  it("purges a repository's rows on request, through either side, and a later backfill brings them back", async () => {
    const stats = async (name: string) =>
      JSON.parse((await runCli(["stats", name, "--json"], env)).stdout) as Record<string, number>;
    for (const side of ["cli", "api"] as const) {
      const name = side === "cli" ? "acme/api" : "acme/web";
      expect((await runCli(["sync", name, "--full", "--json"], env)).code).toBe(0);
      const before = await stats(name);
      expect(before.commits).toBeGreaterThan(0);
      if (side === "cli") {
        const unconfirmed = await runCli(["untrack", name, "--purge"], env);
        expect([unconfirmed.code, unconfirmed.stderr]).toEqual([
          1,
          `ghsync: --purge deletes everything mirrored of ${name} (commits, pull requests, reviews, issues, comments); add --yes to confirm\n`,
        ]);
        const purged = await runCli(["untrack", name, "--purge", "--yes"], env);
        expect(purged.stdout).toMatch(
          new RegExp(`^no longer tracking ${name} \\(deleted ${before.commits} commits, `),
        );
      } else {
        const purged = await server.api(`/api/repos/${name}?purge=true`, { method: "DELETE" });
        expect([purged.status, await purged.json()]).toEqual([
          200,
          {
            full_name: name,
            purged: expect.objectContaining({ commits: before.commits, issues: before.issues }),
          },
        ]);
      }
      expect(await stats(name)).toMatchObject({ commits: 0, pull_requests: 0, issues: 0, comments: 0 });
      expect((await row(name))?.tracked).toBe(false);
      // Nothing cached makes the next backfill think nothing changed: everything comes back.
      expect((await runCli(["sync", name, "--full", "--json"], env)).code).toBe(0);
      expect(await stats(name)).toEqual(before);
    }
  });
});
