/**
 * `ghsync metrics` as a user meets it: one JSON document on stdout equal to the API's numbers,
 * a readable summary without --json, a one-line error for an unknown person, and no GitHub call
 * (GITHUB_API_URL points at a closed port).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { repoMetrics } from "../../src/metrics/repo-metrics.js";
import { userMetrics } from "../../src/metrics/user-metrics.js";
import { openDatabase, type Database } from "../../src/store/database.js";
import { userGithubAccounts, users } from "../../src/store/schema.js";
import { freshPostgres } from "../helpers/databases.js";
import { runCli } from "../helpers/run-cli.js";
import { syncOrg, testClient } from "../helpers/sync-harness.js";

describe("ghsync metrics", () => {
  let database: Database;
  let drop: () => Promise<void>;
  let env: NodeJS.ProcessEnv;
  let login = "";
  const window = { from: "2026-01-01", to: "2026-12-31" };
  beforeAll(async () => {
    const fresh = await freshPostgres();
    drop = fresh.drop;
    database = await openDatabase({ kind: "postgres", url: fresh.url, poolSize: 2 }, { migrate: false });
    const emulator = await startEmulator({ port: 0, seed: 8, repos: 1, scale: "small" });
    await syncOrg(database.db, testClient(emulator.url), "acme");
    login = emulator.admin
      .pulls("acme/web")
      .find((pull) => pull.merged && !pull.author_login.endsWith("[bot]"))?.author_login as string;
    await emulator.close();
    const [person] = await database.db
      .insert(users)
      .values({ login: "dev", timezone: "Asia/Tokyo" })
      .returning();
    await database.db.insert(userGithubAccounts).values({ userId: person?.id ?? 0, login });
    env = { DATABASE_URL: fresh.url, GITHUB_API_URL: "http://127.0.0.1:9", GITHUB_TOKEN: "" };
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it("prints one JSON document equal to the query's result", async () => {
    const repo = await runCli(
      ["metrics", "repo", "acme/web", "--from", window.from, "--to", window.to, "--json"],
      env,
    );
    expect(repo.stderr).toBe("");
    expect(JSON.parse(repo.stdout)).toEqual(
      JSON.parse(JSON.stringify(await repoMetrics(database.db, "acme/web", window, { botLogins: [] }))),
    );
    const user = await runCli(
      ["metrics", "user", login, "--from", window.from, "--to", window.to, "--json"],
      env,
    );
    const expected = await userMetrics(database.db, login, window, { botLogins: [] });
    expect(JSON.parse(user.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(expected.prs_merged).toBeGreaterThan(0);
  });

  it("prints a readable summary, and one line for an unknown person", async () => {
    const text = await runCli(["metrics", "repo", "acme/web"], env);
    expect(text.stdout).toMatch(/^acme\/web from .* to .*\n {2}health +\d+\/100\n/);
    const unknown = await runCli(["metrics", "user", "nobody"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'ghsync: no person "nobody": create the user and link their GitHub login first\n',
    );
  });
});
