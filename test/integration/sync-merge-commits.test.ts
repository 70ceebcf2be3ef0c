/**
 * Issue 21's done-when, through the CLI: a long-lived pull request (months of commits) merged with
 * a merge commit brings its old work in far below commits the mirror already has (the commit list
 * is newest committer date first). An incremental sync that stopped at the first known commit lost
 * it for good; the walk now goes on until every parent of what it found is known, following a
 * missing parent with `commits?sha=` rather than paging the whole list. The generated history
 * itself holds merge commits and rebased commits, so the full sync meets them first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MirrorCounts } from "../../src/contract/repositories.js";
import { countsDiffering, recordFault, type FaultFigures } from "../helpers/fault-figures.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { freshPostgres } from "../helpers/databases.js";
import { runCli } from "../helpers/run-cli.js";
import { walkOrganization } from "../helpers/walk-github.js";

interface ListedCommit {
  sha: string;
  parents: { sha: string }[];
}

/** A merge or force-push injected on GitHub's side, and what the mirror made of it. */
function mergeFigures(injected: number, mirrored: MirrorCounts, truth: MirrorCounts): FaultFigures {
  return {
    family: "GitHub",
    cases: [30],
    injected,
    lost: 0,
    differing: countsDiffering(mirrored, truth),
    crashes: 0,
    serverErrors: 0,
  };
}

async function listed(url: string): Promise<ListedCommit[]> {
  return (await (await fetch(url, { headers: { authorization: "token walker" } })).json()) as ListedCommit[];
}

describe("a long-lived pull request merged with a merge commit", () => {
  let emulator: RunningEmulator;
  let database: Awaited<ReturnType<typeof freshPostgres>>;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 7, repos: 3, scale: "small" });
    database = await freshPostgres();
    env = { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "merge-token", DATABASE_URL: database.url };
  });
  afterAll(async () => {
    await database?.drop();
    await emulator?.close();
  });

  it("is mirrored whole by the next incremental sync: `ghsync stats` equals an independent walk", async ({
    task,
  }) => {
    const full = await runCli(["sync", "--org", "acme", "--full"], env);
    expect(full.stderr).toBe("");
    expect(full.code).toBe(0);

    const longLived = emulator.admin
      .pulls("acme/web")
      .find((pull) => pull.state === "open" && pull.commits > 100);
    if (!longLived) throw new Error("acme/web has no long-lived pull request");
    const base = `${emulator.url}/repos/acme/web`;
    const [oldest] = await listed(`${base}/pulls/${longLived.number}/commits?per_page=100`);
    emulator.admin.mergePull("acme/web", longLived.number, { method: "merge" });

    // As GitHub lists it: the merge commit first, with two parents; the branch's oldest work far below.
    const page = await listed(`${base}/commits?per_page=100`);
    expect(page[0]?.parents.map((parent) => parent.sha)[1]).toBe(longLived.head_sha);
    expect(page.some((commit) => commit.sha === oldest?.sha)).toBe(false);

    const incremental = await runCli(["sync", "--org", "acme"], env);
    expect(incremental.code).toBe(0);
    const stats = await runCli(["stats", "--org", "acme", "--json"], env);
    const truth = await walkOrganization(emulator.url, "acme");
    expect(truth.commitShas.has(`acme/web@${oldest?.sha ?? ""}`)).toBe(true);
    const mirrored = JSON.parse(stats.stdout) as typeof truth.counts;
    recordFault(task, mergeFigures(1, mirrored, truth.counts));
    expect(mirrored).toEqual(truth.counts);
  });

  it("a force-push that drops the merge commit takes what it brought in off the branch, however old", async ({
    task,
  }) => {
    emulator.admin.forcePush("acme/web", { drop: 1, add: 1 });
    const incremental = await runCli(["sync", "--org", "acme"], env);
    expect(incremental.code).toBe(0);
    const stats = await runCli(["stats", "--org", "acme", "--json"], env);
    const truth = (await walkOrganization(emulator.url, "acme")).counts;
    const mirrored = JSON.parse(stats.stdout) as typeof truth;
    recordFault(task, mergeFigures(1, mirrored, truth));
    expect(mirrored).toEqual(truth);
  });
});
