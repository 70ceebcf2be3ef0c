/**
 * `ghsync users …` and `ghsync goals …` on the embedded database: results on stdout (one JSON
 * document with --json), one-line errors on stderr with exit code 1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedDataDir } from "../helpers/databases.js";
import { runCli } from "../helpers/run-cli.js";

describe("ghsync users and goals", () => {
  let env: NodeJS.ProcessEnv;
  const dataDir = embeddedDataDir("ghsync-people-");
  beforeAll(() => {
    env = { GHSYNC_DATA_DIR: dataDir.dir, DATABASE_URL: "" };
  });
  afterAll(() => dataDir.remove());
  const json = async (args: string[]) => {
    const result = await runCli([...args, "--json"], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  it("adds and links a person, sets and updates a manual goal, lists it as text", async () => {
    expect(
      await json(["users", "add", "ada", "--timezone", "Europe/Berlin", "--commit-email", "ada@example.com"]),
    ).toMatchObject({ login: "ada", timezone: "Europe/Berlin", commit_emails: ["ada@example.com"] });
    expect(await json(["users", "link", "ada", "octocat"])).toMatchObject({
      accounts: [{ login: "octocat", account_id: null }],
    });
    const goal = await json([
      "goals",
      "add",
      "--user",
      "ada",
      "--metric",
      "manual",
      "--target",
      "4",
      "--window",
      "monthly",
    ]);
    expect(goal).toMatchObject({ user: "ada", metric: "manual", current: 0, manual: true });
    expect(await json(["goals", "set", String(goal.id), "--current", "4"])).toMatchObject({
      current: 4,
      percent: 100,
    });
    const shown = await json(["goals", "show", String(goal.id)]);
    expect(shown).toMatchObject({ id: goal.id, history: [] });
    expect(shown.completed_at).not.toBeNull();
    const text = await runCli(["goals", "list", "--user", "ada"], env);
    expect(text.stdout).toMatch(/^#\d+ ada: 4 points monthly — 4\/4 manual \(100%\)/);
  }, 60_000);

  it("answers bad input with one line on stderr", async () => {
    const zone = await runCli(["users", "add", "bo", "--timezone", "Nowhere/Land"], env);
    expect(zone.code).toBe(1);
    expect(zone.stdout).toBe("");
    expect(zone.stderr).toMatch(/^ghsync: unknown timezone "Nowhere\/Land"[^\n]*\n$/);
    const current = await runCli(
      ["goals", "add", "--user", "ada", "--metric", "commits", "--target", "2", "--current", "1"],
      env,
    );
    expect(current.stderr).toMatch(/only manual goals take a value/);
  }, 60_000);
});
