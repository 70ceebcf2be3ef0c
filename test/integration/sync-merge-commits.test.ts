/**
 * A long-lived pull request merged with a merge commit (issue 21, part 1): its commits, older than
 * much of the default branch, are listed deep below commits the mirror already has (the commit
 * list is newest committer date first). An incremental sync that stopped at the first known
 * commit lost them for good; the walk now goes on until every parent of what it found is known,
 * following a missing parent with `commits?sha=` rather than paging the whole list.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Database } from "../../src/store/database.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { freshDatabase } from "../helpers/databases.js";
import { syncOrg, testClient } from "../helpers/sync-harness.js";
import { walkOrganization } from "../helpers/walk-github.js";

interface ListedCommit {
  sha: string;
  parents: { sha: string }[];
  commit: { committer: { date: string } };
}

describe("a long-lived branch merged with a merge commit", () => {
  let emulator: RunningEmulator;
  let database: Database;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 7, repos: 3, scale: "small" });
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database?.close();
    await emulator?.close();
  });

  it("is mirrored whole by the next incremental sync, and the mirror equals the emulator", async () => {
    const client = testClient(emulator.url);
    await syncOrg(database.db, client, "acme");
    // The oldest open pull request with several commits: its branch predates most of the history.
    const [oldest] = emulator.admin
      .pulls("acme/web")
      .filter((pull) => pull.state === "open" && !pull.draft && pull.commits > 2)
      .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    if (!oldest) throw new Error("no open pull request with several commits in acme/web");
    emulator.admin.mergePull("acme/web", oldest.number, { method: "merge" });

    // As GitHub lists it: the merge commit first, with two parents; the branch's commits far below.
    const listed = (await (
      await fetch(`${emulator.url}/repos/acme/web/commits?per_page=100`)
    ).json()) as ListedCommit[];
    const [merge] = listed;
    expect(merge?.parents).toHaveLength(2);
    const branchHead = merge?.parents[1]?.sha ?? "";
    expect(listed.slice(0, 10).some((commit) => commit.sha === branchHead)).toBe(false);

    await syncOrg(database.db, client, "acme", "30d");
    const truth = await walkOrganization(emulator.url, "acme");
    expect(truth.commitShas.has(`acme/web@${branchHead}`)).toBe(true);
    expect(await mirrorCounts(database.db, { org: "acme" })).toEqual(truth.counts);
  });
});
