/**
 * The CLI's App installations and long-running commands, as a user meets them: `sync
 * --installation`, `ghsync sync` and `ghsync worker` beside `ghsync serve` on one data directory,
 * and `ghsync demo` (the rest of the CLI: cli.test.ts).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { once } from "node:events";
import { startCliWorld } from "../helpers/cli-world.js";
import { embeddedDataDir } from "../helpers/databases.js";
import { finished, runCli, spawnCli } from "../helpers/run-cli.js";
import { eventually } from "../helpers/server-harness.js";

describe("ghsync CLI on the embedded database: App installations, serve, worker, demo", () => {
  let emulator: RunningEmulator;
  let env: NodeJS.ProcessEnv;
  const dataDirs = [embeddedDataDir("ghsync-cli-processes-"), embeddedDataDir("ghsync-cli-app-")];
  beforeAll(async () => {
    ({ emulator, env } = await startCliWorld(dataDirs[0]?.dir));
  });
  afterAll(async () => {
    await emulator?.close();
    for (const dir of dataDirs) await dir.remove();
  });

  it("syncs every repository of a GitHub App installation with --installation", async () => {
    const [, api] = emulator.admin.repositories();
    const { id } = emulator.admin.createInstallation({ repositories: [api?.full_name ?? ""] });
    const keyFile = path.join(mkdtempSync(path.join(os.tmpdir(), "ghsync-app-")), "app.pem");
    writeFileSync(keyFile, emulator.admin.app().private_key);
    const appEnv = {
      ...env,
      GITHUB_TOKEN: "",
      GITHUB_APP_ID: String(emulator.admin.app().id),
      GITHUB_APP_PRIVATE_KEY: keyFile,
      GHSYNC_DATA_DIR: dataDirs[1]?.dir,
    };
    const result = await runCli(["sync", "--installation", String(id), "--full", "--json"], appEnv);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, number>;
    expect(summary.repositories).toBe(1);
    expect(summary.pull_requests).toBe(emulator.admin.pulls(api?.full_name ?? "").length);
    const withoutApp = await runCli(["sync", "--installation", String(id)], env);
    expect(withoutApp.code).toBe(1);
    expect(withoutApp.stderr).toBe(
      "ghsync: --installation syncs as a GitHub App: set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY\n",
    );
  });

  it("runs `ghsync sync` and `ghsync worker` while `ghsync serve` is up on the same data directory; the last to exit stops the server", async () => {
    const token = "cli-serve-token-0123";
    const serve = spawnCli(["serve", "--port", "0"], { ...env, GHSYNC_API_TOKEN: token });
    const exit = finished(serve);
    let worker: ReturnType<typeof spawnCli> | undefined;
    let workerExit: ReturnType<typeof finished> | undefined;
    try {
      const [line] = (await once(serve.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
      const url = /API on (http:\/\/127\.0\.0\.1:\d+)\/api/.exec(line.toString())?.[1];
      expect(url).toBeDefined();
      const sync = await runCli(["sync", "--org", "acme", "--json"], env);
      expect(sync.stderr).toBe("");
      expect(sync.code).toBe(0);
      expect(JSON.parse(sync.stdout)).toHaveProperty("points_used");
      // The server sees the rows the other process wrote: its counts are the CLI's.
      const stats = (await (
        await fetch(`${url}/api/stats`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as Record<string, number>;
      const cliStats = JSON.parse((await runCli(["stats", "--json"], env)).stdout) as Record<string, number>;
      expect(cliStats.pull_requests).toBeGreaterThan(0);
      expect(stats).toMatchObject(cliStats);
      worker = spawnCli(["worker", "--concurrency", "1"], env);
      workerExit = finished(worker);
      const members = await eventually(async () => {
        const status = JSON.parse((await runCli(["db", "status", "--json"], env)).stdout) as {
          state: string;
          members: { pid: number; command: string }[];
        };
        return status.members.length === 2 ? status : undefined;
      });
      expect(members.state).toBe("running");
      expect(members.members.map((m) => [m.pid, m.command.split(" ")[0]])).toEqual([
        [serve.pid, "serve"],
        [worker.pid, "worker"],
      ]);
      const refused = await runCli(["db", "stop"], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /^ghsync: the embedded PostgreSQL server in .* is used by pid \d+ \(ghsync serve/,
      );
    } finally {
      worker?.kill("SIGTERM");
      serve.kill("SIGTERM");
    }
    expect((await exit).code).toBe(0);
    if (workerExit) expect((await workerExit).code).toBe(0);
    const after = JSON.parse((await runCli(["db", "status", "--json"], env)).stdout) as { state: string };
    expect(after.state).toBe("stopped");
  });

  it("`ghsync demo` prints the dashboard URL first and a login token, serves live signed activity, stops on Ctrl-C", async () => {
    const demo = spawnCli(["demo", "--port", "0"], env);
    const exit = finished(demo);
    try {
      let stdout = "";
      await new Promise<void>((resolve) =>
        demo.stdout?.on("data", (chunk: Buffer) => {
          stdout += chunk.toString();
          if (/Login token: .*\n/.test(stdout)) resolve();
        }),
      );
      const [first] = stdout.match(/https?:\/\/\S+/) ?? [];
      const dashboard = /^Dashboard: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(stdout)?.[1];
      const token = /^Login token: ([A-Za-z0-9_-]{16,})$/m.exec(stdout)?.[1] ?? "";
      expect(dashboard).toBe(first);
      const login = await fetch(`${dashboard}api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token }),
      });
      expect(login.status).toBe(201);
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const get = async <T = { items: { full_name?: string; status?: string }[] }>(path: string) =>
        (await (await fetch(`${dashboard}${path}`, { headers: { cookie } })).json()) as T;
      expect((await get("api/repos")).items.map((repo) => repo.full_name).sort()).toEqual([
        "acme/api",
        "acme/mobile",
        "acme/web",
      ]);
      const page = await fetch(dashboard ?? "");
      expect(await page.text()).toContain('<div id="app">');
      // A demo person linked to the organization's most active accounts, with goals still to reach.
      const people = await get<{ items: { login: string; accounts: unknown[] }[] }>("api/users");
      expect(people.items.map((person) => [person.login, person.accounts.length])).toEqual([["demo", 2]]);
      const goals = await get<{
        items: { metric: string; window: string; target: number; current: number }[];
      }>("api/goals?user=demo");
      expect(goals.items.map((goal) => [goal.metric, goal.window])).toEqual([
        ["commits", "weekly"],
        ["pull_requests_merged", "monthly"],
      ]);
      for (const goal of goals.items) expect(goal.target).toBeGreaterThan(goal.current);
      // The emulator's live activity arrives as signed deliveries and is applied.
      await eventually(
        async () => (await get("api/webhooks/deliveries?status=processed")).items[0],
        30_000,
        "a processed demo delivery",
      );
    } finally {
      demo.kill("SIGINT");
    }
    expect((await exit).code).toBe(0);
  });
});
