/**
 * kill -9 at several moments of a backfill on the embedded server, each followed at once (no
 * wait for the killed process to be reaped) by the next run: every run starts, and the mirror
 * ends equal to the truth with no duplicates — through the real CLI (issue 13's done-when).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countsDiffering, recordFault } from "../helpers/fault-figures.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { embeddedStatus } from "../../src/store/embedded/status.js";
import { embeddedDataDir } from "../helpers/databases.js";
import { finished, runCli, spawnCli } from "../helpers/run-cli.js";
import { walkOrganization } from "../helpers/walk-github.js";

describe("kill -9 during a sync on the embedded server", () => {
  let emulator: RunningEmulator;
  let env: NodeJS.ProcessEnv;
  const dataDir = embeddedDataDir("ghsync-kill-");

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 21, repos: 2, scale: "small", latencyMs: 15 });
    env = {
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: "kill-test",
      GHSYNC_DATA_DIR: dataDir.dir,
      DATABASE_URL: "",
      // The kill points below are placed in REST's requests (reviews and details per PR);
      // GraphQL's pages are killed in the test after.
      GHSYNC_API: "rest",
    };
  });
  afterAll(async () => {
    await emulator?.close();
    await dataDir.remove();
  });

  const requestsSoFar = () => emulator.admin.requestStats()["kill-test"]?.requests ?? 0;

  it("resumes after kill -9 at several points and ends equal to the truth", async ({ task }) => {
    const truth = await walkOrganization(emulator.url, "acme");
    // Kill when the emulator has answered this many more requests: early, mid-lists, mid-reviews.
    // (A full sync of this organization takes about 110 requests.)
    const killed: Promise<{ signal: NodeJS.Signals | null }>[] = [];
    for (const after of [10, 30, 30]) {
      const child = spawnCli(["sync", "--org", "acme", "--full", "--json"], env);
      killed.push(finished(child));
      const target = requestsSoFar() + after;
      while (requestsSoFar() < target && child.exitCode === null)
        await new Promise((resolve) => setTimeout(resolve, 5));
      // The next run starts right away: the killed one may not even be reaped yet.
      child.kill("SIGKILL");
    }
    for (const done of killed) expect((await done).signal).toBe("SIGKILL");
    const partial = JSON.parse((await runCli(["stats", "--org", "acme", "--json"], env)).stdout);
    expect(partial).not.toEqual(truth.counts);
    expect(partial.pull_requests).toBeGreaterThan(0);

    const kill = spawnCli(["sync", "--org", "acme", "--full", "--json"], env);
    const target = requestsSoFar() + 20;
    while (requestsSoFar() < target && kill.exitCode === null)
      await new Promise((resolve) => setTimeout(resolve, 5));
    kill.kill("SIGKILL");
    const rerun = await runCli(["sync", "--org", "acme", "--full", "--json"], env);
    expect(rerun.stderr).toBe("");
    expect(rerun.code).toBe(0);
    const stats = await runCli(["stats", "--org", "acme", "--json"], env);
    const mirrored = JSON.parse(stats.stdout) as typeof truth.counts;
    recordFault(task, {
      family: "process",
      cases: [14, 28],
      injected: killed.length + 1,
      lost: 0,
      differing: countsDiffering(mirrored, truth.counts),
      crashes: rerun.code === 0 ? 0 : 1,
      serverErrors: 0,
    });
    expect(mirrored).toEqual(truth.counts);
  });

  it("resumes GraphQL pages after kill -9 mid-walk, each page committed with its cursor", async ({
    task,
  }) => {
    // Three pages of pull requests per repository, each with their reviews and details.
    const world = await startEmulator({
      port: 0,
      seed: 22,
      repos: 2,
      scale: "small",
      pullsPerRepo: 250,
      latencyMs: 15,
    });
    const graphqlDir = embeddedDataDir("ghsync-kill-graphql-");
    try {
      const graphqlEnv = {
        ...env,
        GITHUB_API_URL: world.url,
        GHSYNC_DATA_DIR: graphqlDir.dir,
        GHSYNC_API: "graphql",
      };
      // The queries that read pull requests (delivery data's jobs and checks are queries too).
      const queries = () => {
        const operations = world.admin.requestStats()["kill-test"]?.graphql_operations ?? {};
        return ["PullRequestPage", "PullRequestMore", "PullRequestsByNumber"].reduce(
          (sum, name) => sum + (operations[name] ?? 0),
          0,
        );
      };
      // A repository's next page is asked for only once the one before is committed: with two
      // repositories walked side by side, three pages answered mean at least one committed.
      const pages = () => world.admin.requestStats()["kill-test"]?.graphql_operations.PullRequestPage ?? 0;
      const truth = await walkOrganization(world.url, "acme");
      const killed: Promise<{ signal: NodeJS.Signals | null }>[] = [];
      for (const after of [3, 2]) {
        const child = spawnCli(["sync", "--org", "acme", "--full", "--json"], graphqlEnv);
        killed.push(finished(child));
        const target = pages() + after;
        while (pages() < target && child.exitCode === null)
          await new Promise((resolve) => setTimeout(resolve, 5));
        child.kill("SIGKILL");
      }
      for (const done of killed) expect((await done).signal).toBe("SIGKILL");
      const partial = JSON.parse((await runCli(["stats", "--org", "acme", "--json"], graphqlEnv)).stdout);
      expect(partial.pull_requests).toBeGreaterThan(0);
      expect(partial.pull_requests).toBeLessThan(truth.counts.pull_requests);
      const before = queries();
      const rerun = await runCli(["sync", "--org", "acme", "--full", "--json"], graphqlEnv);
      expect(rerun.code).toBe(0);
      // What was committed is not read again: the pages left, and at most the one cut off per repository.
      const pagesLeft = Math.ceil((truth.counts.pull_requests - partial.pull_requests) / 100) + 2;
      expect(queries() - before).toBeLessThanOrEqual(pagesLeft + 2 * truth.counts.repositories);
      const mirrored = JSON.parse((await runCli(["stats", "--org", "acme", "--json"], graphqlEnv)).stdout);
      recordFault(task, {
        family: "process",
        cases: [14, 28],
        injected: killed.length,
        lost: 0,
        differing: countsDiffering(mirrored, truth.counts),
        crashes: 0,
        serverErrors: 0,
      });
      expect(mirrored).toEqual(truth.counts);
    } finally {
      await world.close();
      await graphqlDir.remove();
    }
  });

  it("Ctrl-C of a sync exits 130 and stops the embedded server it was the last user of", async () => {
    // Everything read again (the mirror is complete by now): long enough to be interrupted.
    const child = spawnCli(["sync", "--org", "acme", "--full", "--refetch", "--json"], env);
    const done = finished(child);
    const target = requestsSoFar() + 5;
    while (requestsSoFar() < target && child.exitCode === null)
      await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill("SIGINT");
    expect((await done).code).toBe(130);
    expect((await embeddedStatus(dataDir.dir)).state).toBe("stopped");
  });
});
