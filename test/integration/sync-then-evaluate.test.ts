/**
 * "Sync, then assign the installation, then evaluate goals", written once for `ghsync sync` and a
 * sync job (jobs/sync-then-evaluate.ts): goals are evaluated after the rows are written, and only
 * after a run that succeeded; the installation that reads the repositories is recorded before
 * their sync, so a run that fails midway leaves them assigned (the CLI used to assign them only
 * after a successful run, so a failed backfill's retries went through the token pool).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGoal } from "../../src/app/goal-changes.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { evaluateGoalsNow, syncThenEvaluateGoals } from "../../src/jobs/sync-then-evaluate.js";
import type { Database } from "../../src/store/database.js";
import { requireGoal } from "../../src/store/goals.js";
import { upsertInstallation } from "../../src/store/installations.js";
import { commits, repositories } from "../../src/store/schema.js";
import { createUser, linkAccount } from "../../src/store/users.js";
import { parseDepth } from "../../src/sync/depth.js";
import { Progress } from "../../src/sync/progress.js";
import { freshDatabase } from "../helpers/databases.js";
import { silentLog, testClient } from "../helpers/sync-harness.js";

describe("sync, then evaluate goals (one function for the CLI and the jobs)", () => {
  let emulator: RunningEmulator;
  let database: Database;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 47, repos: 2, scale: "small" });
    database = await freshDatabase();
    await upsertInstallation(database.db, {
      id: 77,
      accountLogin: "acme",
      accountId: null,
      repositorySelection: "all",
    });
  });
  afterAll(async () => {
    await database?.close();
    await emulator?.close();
  });
  const deps = (client = testClient(emulator.url)) => ({
    db: database.db,
    client,
    log: silentLog,
    progress: new Progress(),
  });
  const repository = async (fullName: string) =>
    (await database.db.select().from(repositories).where(eq(repositories.fullName, fullName)))[0];

  it("evaluates goals once the run's rows are written, and records the installation", async () => {
    const author = emulator.admin.commits("acme/web").find((commit) => commit.author_login)?.author_login;
    if (!author) throw new Error("the emulator's acme/web has no commit with a GitHub author");
    const user = await createUser(database.db, "ada", {});
    await linkAccount(database.db, user, author);
    const env = { db: database.db, botLogins: [], now: () => new Date() };
    const goal = await createGoal(env, { user: "ada", metric: "commits", window: "monthly", target: 1_000 });
    expect(goal.goal.current).toBe(0);

    let commitsWhenEvaluated = -1;
    const evaluateNow = evaluateGoalsNow({ db: database.db, botLogins: [] });
    const summary = await syncThenEvaluateGoals(
      deps(),
      [{ repositories: ["acme/web"], depth: parseDepth("full"), installationId: 77 }],
      async () => {
        commitsWhenEvaluated = (await database.db.select().from(commits)).length;
        await evaluateNow();
      },
    );
    expect(summary.commits).toBeGreaterThan(0);
    expect(commitsWhenEvaluated).toBe(summary.commits);
    expect((await requireGoal(database.db, goal.goal.id)).goal.current).toBeGreaterThan(0);
    expect((await repository("acme/web"))?.installationId).toBe(77);
  });

  it("assigns the installation before the sync, and evaluates nothing after a run that failed", async () => {
    // GitHub refuses the pull request list (400, not retried): the run fails after the commits.
    const refusePulls: typeof fetch = async (input, init) =>
      String(input instanceof Request ? input.url : input).includes("/pulls")
        ? new Response(JSON.stringify({ message: "refused by the test" }), {
            status: 400,
            headers: { "content-type": "application/json" },
          })
        : fetch(input, init);
    let evaluated = false;
    await expect(
      syncThenEvaluateGoals(
        deps(testClient(emulator.url, ["test-token"], { fetch: refusePulls })),
        [{ repositories: ["acme/api"], depth: parseDepth("full"), installationId: 77 }],
        async () => {
          evaluated = true;
        },
      ),
    ).rejects.toThrow(/refused by the test|400/);
    expect(evaluated).toBe(false);
    expect((await repository("acme/api"))?.installationId).toBe(77);
  });
});
