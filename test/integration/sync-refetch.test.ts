/**
 * `ghsync sync --refetch` (issue 15, part 5): a row that went wrong without its `updated_at`
 * moving — what a same-second redelivery out of order leaves (a merged pull request back to open)
 * — is not repaired by a sync, whose every list answers 304; `--refetch` forgets the ETags,
 * high-water marks and read marks and re-reads the repository at the depth it is mirrored, writing
 * what GitHub says.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { openDatabase, type Database } from "../../src/store/database.js";
import { pullRequests } from "../../src/store/schema.js";
import { freshPostgres } from "../helpers/databases.js";
import { runCli } from "../helpers/run-cli.js";

describe("ghsync sync --refetch", () => {
  let emulator: RunningEmulator;
  let fresh: Awaited<ReturnType<typeof freshPostgres>>;
  let database: Database;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 7, repos: 2, scale: "small" });
    fresh = await freshPostgres();
    database = await openDatabase({ kind: "postgres", url: fresh.url, poolSize: 2 }, { migrate: false });
    env = { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "refetch-token", DATABASE_URL: fresh.url };
  });
  afterAll(async () => {
    await database?.close();
    await fresh?.drop();
    await emulator?.close();
  });

  it("repairs a row a sync cannot see is wrong, re-reading at the mirrored depth", async () => {
    expect((await runCli(["sync", "acme/web", "--full"], env)).code).toBe(0);
    const merged = emulator.admin.pulls("acme/web").find((pull) => pull.merged);
    if (!merged) throw new Error("a merged pull request expected");
    const wrong = { state: "open", merged: false, mergedAt: null, closedAt: null };
    await database.db.update(pullRequests).set(wrong).where(eq(pullRequests.id, merged.id));
    const row = async () =>
      (await database.db.select().from(pullRequests).where(eq(pullRequests.id, merged.id)))[0];

    const again = JSON.parse((await runCli(["sync", "acme/web", "--json"], env)).stdout);
    expect(again.points_used).toBe(0);
    expect(await row()).toMatchObject({ state: "open", merged: false });

    const refetched = await runCli(["sync", "acme/web", "--refetch", "--json"], env);
    expect(refetched.stderr).toBe("");
    const summary = JSON.parse(refetched.stdout);
    expect(summary.requests).toBeGreaterThan(10);
    // Every list is read again; only resolving the name (GET /repos/acme/web) may still be a 304.
    expect(summary.not_modified).toBeLessThanOrEqual(1);
    expect(await row()).toMatchObject({
      state: "closed",
      merged: true,
      mergedAt: new Date(merged.merged_at ?? 0),
    });
    // At the depth mirrored: the whole history again, and the counts are unchanged.
    const stats = JSON.parse((await runCli(["stats", "acme/web", "--json"], env)).stdout);
    expect(stats).toMatchObject({ commits: emulator.admin.counts("acme/web").commits });
  });

  it("names a repository that is not in the mirror", async () => {
    const result = await runCli(["sync", "acme/nope", "--refetch"], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not in the mirror, nothing to re-read: acme\/nope/);
  });
});
