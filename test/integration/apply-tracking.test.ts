/**
 * `ghsync apply` and `serve` applying the tracking file at start, against the emulator: an
 * organization expands to its repositories, a named repository's depth wins over its
 * organization's, applying twice changes nothing, a depth change is reported as such (full stays
 * full), tracked repositories not in the file are left alone unless --prune, and a bad file is a
 * one-line error naming its line that changes nothing.
 */
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { openDatabase, type Database } from "../../src/store/database.js";
import { repositories } from "../../src/store/schema.js";
import { freshPostgres } from "../helpers/databases.js";
import { finished, runCli, spawnCli } from "../helpers/run-cli.js";

describe("ghsync apply: the tracking file", () => {
  let emulator: RunningEmulator;
  let database: Database;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let file: string;
  let drop: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 43, repos: 4, scale: "small" });
    const fresh = await freshPostgres();
    drop = fresh.drop;
    database = await openDatabase({ kind: "postgres", url: fresh.url, poolSize: 2 }, { migrate: false });
    env = { DATABASE_URL: fresh.url, GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "apply-token" };
    dir = await mkdtemp(path.join(os.tmpdir(), "ghsync-apply-"));
    file = path.join(dir, "ghsync.yaml");
  });
  afterAll(async () => {
    await database?.close();
    await drop();
    await emulator?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const apply = async (text: string, ...flags: string[]) => {
    await writeFile(file, text);
    return runCli(["apply", file, ...flags], env);
  };
  const applyJson = async (text: string, ...flags: string[]) => {
    const result = await apply(text, ...flags, "--json");
    expect(result.stderr).toBe("");
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };
  const tracked = async () =>
    Object.fromEntries(
      (
        await database.db
          .select({ name: repositories.fullName, depth: repositories.syncDepth })
          .from(repositories)
          .where(eq(repositories.tracked, true))
          .orderBy(asc(repositories.fullName))
      ).map((repo) => [repo.name, repo.depth]),
    );
  const everything = "organizations:\n  - acme\nrepositories:\n  - name: acme/api\n    depth: full\n";

  it("tracks an organization's repositories and named ones at their depths; applying twice changes nothing", async () => {
    expect(await applyJson(everything)).toEqual({
      file,
      dry_run: false,
      added: [
        { full_name: "acme/api", depth: "full" },
        { full_name: "acme/infra", depth: "30d" },
        { full_name: "acme/mobile", depth: "30d" },
        { full_name: "acme/web", depth: "30d" },
      ],
      changed: [],
      unchanged: [],
      not_in_file: [],
      untracked: [],
    });
    const after = await tracked();
    expect(after).toEqual({
      "acme/api": "full",
      "acme/infra": "30d",
      "acme/mobile": "30d",
      "acme/web": "30d",
    });

    const again = await apply(everything);
    expect(again.stdout).toBe(`${file}: 0 added, 0 changed, 4 unchanged\n`);
    expect(await tracked()).toEqual(after);
  });

  it("reports a depth change, and keeps a repository mirrored in full at full", async () => {
    const text = "depth: 90d\norganizations: [acme]\nrepositories: [acme/api]\n";
    const dry = await apply(text, "--dry-run");
    expect(dry.stdout).toBe(
      [
        `${file}: 0 to add, 3 to change, 1 unchanged (dry run: nothing changed)`,
        "  ~ acme/infra (30d → 90d)",
        "  ~ acme/mobile (30d → 90d)",
        "  ~ acme/web (30d → 90d)",
        "",
      ].join("\n"),
    );
    expect((await tracked())["acme/web"]).toBe("30d");
    const applied = await applyJson(text);
    expect(applied.unchanged).toEqual([{ full_name: "acme/api", depth: "full" }]);
    expect(await tracked()).toEqual({
      "acme/api": "full",
      "acme/infra": "90d",
      "acme/mobile": "90d",
      "acme/web": "90d",
    });
  });

  it("leaves tracked repositories the file does not name alone, and untracks them with --prune", async () => {
    const text = "repositories:\n  - acme/api\n";
    const kept = await apply(text);
    expect(kept.stdout).toBe(
      `${file}: 0 added, 0 changed, 1 unchanged\n` +
        "tracked but not in the file, left as they are (--prune untracks them): acme/infra, acme/mobile, acme/web\n",
    );
    expect(Object.keys(await tracked())).toHaveLength(4);
    expect(await applyJson(text, "--prune", "--dry-run")).toMatchObject({
      dry_run: true,
      untracked: ["acme/infra", "acme/mobile", "acme/web"],
    });
    expect(Object.keys(await tracked())).toHaveLength(4);
    const pruned = await apply(text, "--prune");
    expect(pruned.stdout).toContain("  - acme/web (untracked; its rows are kept)\n");
    expect(await tracked()).toEqual({ "acme/api": "full" });
  });

  it("refuses a bad file with one line naming the file, the line and the field, and changes nothing", async () => {
    const before = await tracked();
    for (const [text, message] of [
      [
        "repositories:\n  - acme/web\n  - acme/nope\n",
        "3: repositories: acme/nope was not found on GitHub, or the token cannot see it",
      ],
      [
        "organizations:\n  - nobody\nrepositories: [acme/web]\n",
        "2: organizations: nobody was not found on GitHub, or the token cannot see it",
      ],
      [
        "repositories:\n  - name: acme/web\n    depth: 3 days\n",
        '3: repositories[0].depth: depth "3 days" is not understood: use a number of days like 30d, full, or a past ISO date like 2026-01-31',
      ],
      [
        "repositories: [acme/web\n",
        "2: Flow sequence in block collection must be sufficiently indented and end with a ]",
      ],
    ]) {
      const result = await apply(text as string);
      expect([result.code, result.stderr]).toEqual([1, `ghsync: ${file}:${message}\n`]);
    }
    const missing = await runCli(["apply", path.join(dir, "missing.yaml")], env);
    expect(missing.stderr).toBe(
      `ghsync: ${path.join(dir, "missing.yaml")}: no such file (write one, or name it: ghsync apply FILE or GHSYNC_TRACKING_FILE)\n`,
    );
    expect(await tracked()).toEqual(before);
  });

  it("is applied at `serve` start, logging what changed; a bad file stops the start", async () => {
    const serveEnv = {
      ...env,
      GHSYNC_TRACKING_FILE: file,
      GHSYNC_API_TOKEN: "apply-serve-token-0123",
      LOG_LEVEL: "info",
    };
    await writeFile(file, "repositories:\n  - acme/api\n  - name: acme/web\n    depth: 7d\n");
    const serve = spawnCli(["serve", "--port", "0"], serveEnv);
    const exit = finished(serve);
    try {
      const [line] = (await once(serve.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
      expect(line.toString()).toMatch(/^ghsync serve: API on /);
      expect(await tracked()).toEqual({ "acme/api": "full", "acme/web": "7d" });
    } finally {
      serve.kill("SIGTERM");
    }
    const { code, signal, stderr } = await exit;
    // The end of its log says why, should it ever not exit cleanly (CI saw code null once).
    expect({ code, signal, tail: code === 0 ? "" : stderr.slice(-2_000) }).toEqual({
      code: 0,
      signal: null,
      tail: "",
    });
    const applied = stderr
      .split("\n")
      .filter((text) => text.includes(`"msg":"applied ${file}"`))
      .map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(applied).toEqual([expect.objectContaining({ added: ["acme/web"], changed: [], unchanged: 1 })]);

    await writeFile(file, "repositories:\n  - acme/api\n  - name: acme/web\n    dept: 7d\n");
    const bad = await runCli(["serve", "--port", "0"], serveEnv);
    expect([bad.code, bad.stdout]).toEqual([1, ""]);
    expect(bad.stderr).toContain(
      `ghsync: ${file}:4: repositories[1].dept: unknown field dept (known: name, depth)\n`,
    );
    const absent = await runCli(["serve", "--port", "0"], {
      ...serveEnv,
      GHSYNC_TRACKING_FILE: path.join(dir, "none.yaml"),
    });
    expect([absent.code, absent.stdout]).toEqual([1, ""]);
    expect(absent.stderr).toContain(`${path.join(dir, "none.yaml")}: no such file`);
  });
});
