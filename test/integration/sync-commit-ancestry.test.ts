/**
 * The commit list's incremental walk stops at the first commit it already has, so the mirror must
 * never hold a commit whose ancestors it lacks. Two ways it once did, both caught first by the
 * webhook chaos test:
 * - a webhook writes a pushed commit while an incremental sync walks the list: the sync's
 *   force-push detection must not mark it off the branch (it is newer than the pages, not gone);
 * - an incremental walk cut short after its first page must not leave that page mirrored above
 *   the commits it did not reach (the next walk would stop at it and never fill the gap).
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Database } from "../../src/store/database.js";
import { commits, repositories } from "../../src/store/schema.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { applyCommitRows } from "../../src/mirror/apply.js";
import { freshDatabase } from "../helpers/databases.js";
import { syncOrg, testClient } from "../helpers/sync-harness.js";
import { walkOrganization } from "../helpers/walk-github.js";

describe("a webhook racing an incremental sync", () => {
  let emulator: RunningEmulator;
  let database: Database;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 17, repos: 1, scale: "small" });
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database?.close();
    await emulator?.close();
  });

  it("keeps a commit a webhook wrote during the walk on the default branch", async () => {
    await syncOrg(database.db, testClient(emulator.url), "acme");
    const [repo] = await database.db.select().from(repositories);
    if (!repo) throw new Error("no repository");
    emulator.admin.addCommits(repo.id, { count: 2 }); // the sync has something to walk
    let pushedDuringWalk: string | undefined;
    const racingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (pushedDuringWalk === undefined && String(input).includes("/commits?")) {
        // Pushed right after GitHub answered the page; the webhook applies it at once.
        const [pushed] = emulator.admin.addCommits(repo.id, { count: 1 });
        if (!pushed) throw new Error("no commit pushed");
        pushedDuringWalk = pushed.sha;
        await applyCommitRows(database.db, [
          {
            repositoryId: repo.id,
            sha: pushed.sha,
            authorName: pushed.author_name,
            authorEmail: pushed.author_email,
            authoredAt: new Date(pushed.authored_at),
            committedAt: new Date(pushed.committed_at),
            message: pushed.message,
            onDefaultBranch: true,
          },
        ]);
      }
      return response;
    };
    await syncOrg(database.db, testClient(emulator.url, ["test-token"], { fetch: racingFetch }), "acme");
    expect(pushedDuringWalk).toBeDefined();
    const [row] = await database.db
      .select({ onDefaultBranch: commits.onDefaultBranch })
      .from(commits)
      .where(and(eq(commits.repositoryId, repo.id), eq(commits.sha, pushedDuringWalk as string)));
    expect(row?.onDefaultBranch).toBe(true);
  });

  it("fills the whole gap after an incremental walk was cut short", async () => {
    const [repo] = await database.db.select().from(repositories);
    if (!repo) throw new Error("no repository");
    emulator.admin.addCommits(repo.id, { count: 250 }); // three pages of new commits
    const failingFetch: typeof fetch = async (input, init) => {
      if (/\/commits\?.*page=2/.test(String(input))) return new Response("boom", { status: 500 });
      return fetch(input, init);
    };
    await expect(
      syncOrg(database.db, testClient(emulator.url, ["test-token"], { fetch: failingFetch }), "acme"),
    ).rejects.toThrow(/500/);
    await syncOrg(database.db, testClient(emulator.url), "acme");
    const truth = await walkOrganization(emulator.url, "acme");
    expect(await mirrorCounts(database.db, { org: "acme" })).toEqual(truth.counts);
  });
});
