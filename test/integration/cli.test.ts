/**
 * The CLI as a user meets it: one-line errors, clean stdout, track/untrack/status, stats without
 * GitHub. Its long-running commands (serve, worker, demo) and App installations:
 * cli-processes.test.ts, a file of its own so that the two run in parallel.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { once } from "node:events";
import { createServer } from "node:net";
import { startCliWorld } from "../helpers/cli-world.js";
import { embeddedDataDir } from "../helpers/databases.js";
import { runCli } from "../helpers/run-cli.js";
import { admin } from "../helpers/sync-harness.js";

/** A port on 127.0.0.1 where nothing listens (taken from the OS, then let go). */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("ghsync CLI on the embedded database", () => {
  let emulator: RunningEmulator;
  let env: NodeJS.ProcessEnv;
  const dataDirs = [embeddedDataDir("ghsync-cli-")];
  beforeAll(async () => {
    ({ emulator, env } = await startCliWorld(dataDirs[0]?.dir));
    await admin(emulator.url, "POST", "/tokens/revoked/revoke");
  });
  afterAll(async () => {
    await emulator?.close();
    for (const dir of dataDirs) await dir.remove();
  });

  it("answers a rejected token with one line naming it, and exit code 1", async () => {
    const result = await runCli(["sync", "acme/web"], { ...env, GITHUB_TOKEN: "revoked" });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^ghsync: GITHUB_TOKEN #1 was rejected by GitHub \(401\)[^\n]*\n$/);
  });

  it("names an unknown repository in one line", async () => {
    const result = await runCli(["sync", "acme/does-not-exist"], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "ghsync: repository acme/does-not-exist was not found on GitHub (404), or the token cannot see it\n",
    );
  });

  it("says the GitHub API could not be reached when nothing listens at GITHUB_API_URL", async () => {
    const closed = await closedPort();
    const result = await runCli(["sync", "acme/web"], {
      ...env,
      GITHUB_API_URL: `http://127.0.0.1:${closed}`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `ghsync: could not reach the GitHub API at http://127.0.0.1:${closed} (ECONNREFUSED); check GITHUB_API_URL and the network\n`,
    );
  });

  it("rejects a malformed name and a bad depth before touching anything", async () => {
    expect((await runCli(["sync", "not-a-repo"], env)).stderr).toMatch(
      /is not a repository name: use OWNER\/REPO/,
    );
    expect((await runCli(["sync", "acme/web", "--since", "soon"], env)).stderr).toMatch(
      /depth "soon" is not understood/,
    );
    const api = await runCli(["sync", "acme/web", "--api", "soap"], env);
    expect(api.code).not.toBe(0);
    expect(api.stderr).toMatch(/--api .*Allowed choices are rest, graphql, auto/);
    const setting = await runCli(["sync", "acme/web"], { ...env, GHSYNC_API: "soap" });
    expect(setting.stderr).toMatch(/GHSYNC_API: must be rest, graphql or auto/);
  });

  it("moves on to the next token when one is rejected, saying so on stderr; --json keeps stdout one document", async () => {
    const result = await runCli(["sync", "acme/web", "--json"], {
      ...env,
      GITHUB_TOKEN: "revoked,cli-token",
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^ghsync: GITHUB_TOKEN #1 was rejected/);
    const summary = JSON.parse(result.stdout);
    expect(Object.keys(summary).sort()).toEqual(
      [
        "comments",
        "commits",
        "contributors",
        "duration_ms",
        "issues",
        "not_modified",
        "points_used",
        "pull_requests",
        "repositories",
        "requests",
        "reviews",
        // Delivery data (DESIGN.md: the keys grow with the entities mirrored).
        "workflow_runs",
        "check_runs",
        "deployments",
        "releases",
        "review_comments",
      ].sort(),
    );
    expect(summary.repositories).toBe(1);
  });

  it("tracks, syncs the tracked repositories with no names, reports status, untracks", async () => {
    expect((await runCli(["track", "acme/api", "--full"], env)).stdout).toMatch(
      /^tracking acme\/api \(depth full\)/,
    );
    const sync = await runCli(["sync", "--json"], env);
    expect(sync.code).toBe(0);
    expect(JSON.parse(sync.stdout).pull_requests).toBeGreaterThan(0);
    const status = JSON.parse((await runCli(["status", "--json"], env)).stdout);
    expect(status.repositories).toEqual([
      expect.objectContaining({
        full_name: "acme/api",
        depth: "full",
        state: "up_to_date",
        coverage: 100,
        last_synced_at: expect.any(String),
      }),
    ]);
    // Just synced: its staleness (time since it was last known current) is seconds.
    expect(status.staleness).toMatchObject({ repositories: 1, never_synced: 0 });
    expect(status.staleness.max_s).toBeLessThan(60);
    expect(status.staleness.p50_s).toBeLessThanOrEqual(status.staleness.max_s);
    // No scheduler ran: nothing spent on polling; the budget is the default share of the limit seen.
    expect(status.polling).toMatchObject({ share: 0.2, spent_last_hour: 0 });
    expect(status.polling.points_per_hour).toBeGreaterThan(0);
    const text = (await runCli(["status"], env)).stdout;
    expect(text).toMatch(/^staleness \(since last known current\): p50 \d+ s, p95 \d+ s, max \d+ s$/m);
    expect(text).toMatch(
      /^polling: 0 points in the last hour of a \d+-point budget \(20% of the hourly limit\)$/m,
    );
    expect(status.credentials[0]).toMatchObject({
      credential: "GITHUB_TOKEN #1",
      status: "valid",
      resource: "core",
    });
    expect((await runCli(["untrack", "acme/api"], env)).code).toBe(0);
    expect(JSON.parse((await runCli(["status", "--json"], env)).stdout).repositories).toEqual([]);
  });

  it("reads stats from the database only, never calling GitHub", async () => {
    const before = emulator.admin.requestStats()["cli-token"]?.requests;
    const result = await runCli(["stats", "--json"], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).repositories).toBe(2);
    expect(emulator.admin.requestStats()["cli-token"]?.requests).toBe(before);
  });
});
