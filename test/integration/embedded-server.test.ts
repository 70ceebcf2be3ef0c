/**
 * The embedded PostgreSQL server (store/embedded/): created on first use, shared by every process
 * on the data directory, stopped by the last one to leave, and never blocked by what a kill -9
 * leaves behind — a killed ghsync, a killed postgres, a stale or zombie postmaster.pid. A data
 * directory of the old PGlite format is refused in one line.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { embeddedStatus } from "../../src/store/embedded/status.js";
import { readPostmaster } from "../../src/store/embedded/postmaster.js";
import { repositories } from "../../src/store/schema.js";
import { embeddedDataDir } from "../helpers/databases.js";
import { finished, runCli, spawnCli } from "../helpers/run-cli.js";
import { eventually } from "../helpers/server-harness.js";

const dirs: ReturnType<typeof embeddedDataDir>[] = [];
const newDataDir = () => {
  const dir = embeddedDataDir();
  dirs.push(dir);
  return dir.dir;
};
afterAll(async () => {
  for (const dir of dirs) await dir.remove();
});

const stateOf = async (dataDir: string) => (await embeddedStatus(dataDir)).state;
const clusterOf = (dataDir: string) => path.join(dataDir, "postgres");

describe("the embedded PostgreSQL server", () => {
  it("is created on first use, shared by two openers, and stopped when the last one closes", async () => {
    const dataDir = newDataDir();
    expect(await stateOf(dataDir)).toBe("not_created");
    const first = await openDatabase({ kind: "embedded", dataDir });
    const second = await openDatabase({ kind: "embedded", dataDir });
    await first.db.insert(repositories).values({ id: 5, owner: "acme", name: "web", fullName: "acme/web" });
    const seen = await second.db.select().from(repositories).where(eq(repositories.id, 5));
    expect(seen.map((row) => row.fullName)).toEqual(["acme/web"]);
    expect((await embeddedStatus(dataDir)).members).toHaveLength(2);
    await first.close();
    expect(await stateOf(dataDir)).toBe("running");
    await second.close();
    expect(await stateOf(dataDir)).toBe("stopped");

    const again = await openDatabase({ kind: "embedded", dataDir });
    expect((await again.db.select().from(repositories)).map((row) => row.id)).toEqual([5]);
    await again.close();
  });

  it("keeps the password in a file only its owner reads, and listens on no TCP port", async () => {
    const dataDir = newDataDir();
    const database = await openDatabase({ kind: "embedded", dataDir });
    try {
      const status = await embeddedStatus(dataDir);
      expect(status.listening).toMatch(/\.s\.PGSQL\.\d+$/);
      const { statSync } = await import("node:fs");
      expect(statSync(path.join(clusterOf(dataDir), "ghsync.password")).mode & 0o077).toBe(0);
      const { rows } = await database.executeSql("show listen_addresses");
      expect(rows[0]?.listen_addresses).toBe("");
    } finally {
      await database.close();
    }
  });

  it("after kill -9 of the process that started it, the next command works at once", async () => {
    const dataDir = newDataDir();
    const env = { GHSYNC_DATA_DIR: dataDir, DATABASE_URL: "", GHSYNC_API_TOKEN: "embedded-test-token" };
    const serve = spawnCli(["serve", "--port", "0"], env);
    const exit = finished(serve);
    await eventually(async () => ((await embeddedStatus(dataDir)).members.length === 1 ? true : undefined));
    serve.kill("SIGKILL");
    const started = Date.now();
    const stats = await runCli(["stats", "--json"], env);
    expect(stats.stderr).toBe("");
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ repositories: 0 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await exit).signal).toBe("SIGKILL");
    // The command that ran after the kill was the last user: it stopped the server.
    expect(await stateOf(dataDir)).toBe("stopped");
  });

  it("starts postgres again when it is killed, under a running process and for the next command", async () => {
    const dataDir = newDataDir();
    const database = await openDatabase({ kind: "embedded", dataDir });
    try {
      const first = readPostmaster(clusterOf(dataDir))?.pid ?? 0;
      process.kill(first, "SIGKILL");
      const restarted = await eventually(
        async () => {
          const pid = readPostmaster(clusterOf(dataDir))?.pid;
          if (pid === undefined || pid === first) return undefined;
          const { rows } = await database.executeSql("select 1 as one").catch(() => ({ rows: [] }));
          return rows[0]?.one === 1 ? pid : undefined;
        },
        60_000,
        "a restarted server",
      );
      expect(restarted).not.toBe(first);
    } finally {
      await database.close();
    }
    // Killed with no ghsync process running: the next command starts it.
    const idle = await openDatabase({ kind: "embedded", dataDir });
    await idle.close();
    const env = { GHSYNC_DATA_DIR: dataDir, DATABASE_URL: "" };
    const serve = spawnCli(["serve", "--port", "0"], { ...env, GHSYNC_API_TOKEN: "embedded-test-token" });
    await eventually(async () => ((await embeddedStatus(dataDir)).members.length === 1 ? true : undefined));
    const orphan = readPostmaster(clusterOf(dataDir))?.pid ?? 0;
    serve.kill("SIGKILL");
    process.kill(orphan, "SIGKILL");
    const stats = await runCli(["stats", "--json"], env);
    expect(stats.stderr).toBe("");
    expect(stats.code).toBe(0);
  });

  it("starts over a stale postmaster.pid: a dead pid, and a zombie that kill(pid, 0) still finds", async () => {
    const dataDir = newDataDir();
    const database = await openDatabase({ kind: "embedded", dataDir });
    const pidFile = path.join(clusterOf(dataDir), "postmaster.pid");
    const record = readFileSync(pidFile, "utf8");
    await database.close();
    const withPid = (pid: number) => writeFileSync(pidFile, record.replace(/^\d+/, String(pid)));

    // A pid that no longer exists (a machine crash leaves this).
    const gone = spawn("true");
    await new Promise((resolve) => gone.on("exit", resolve));
    withPid(gone.pid ?? 0);
    const afterDead = await openDatabase({ kind: "embedded", dataDir });
    await afterDead.close();

    // A zombie: its parent (exec'd into sleep) never reaps it. The child outlives bash's way to
    // exec by a second: a child that ended sooner was reaped by bash itself under load (fresh-ci).
    const parent = spawn("bash", ["-c", "sleep 1 & echo $!; exec sleep 60"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    try {
      const zombie = Number(
        (await new Promise<Buffer>((resolve) => parent.stdout.once("data", resolve))).toString(),
      );
      await eventually(async () =>
        readFileSync(`/proc/${zombie}/stat`, "utf8").includes(") Z ") ? true : undefined,
      );
      withPid(zombie);
      const afterZombie = await openDatabase({ kind: "embedded", dataDir });
      await afterZombie.close();
    } finally {
      parent.kill("SIGKILL");
    }
  });

  it("says within seconds, naming its log, when postgres cannot start at all", async () => {
    const dataDir = newDataDir();
    const first = await openDatabase({ kind: "embedded", dataDir });
    await first.close();
    const conf = path.join(clusterOf(dataDir), "postgresql.conf");
    writeFileSync(conf, `${readFileSync(conf, "utf8")}\nshared_buffers = 'not a size'\n`);
    const started = Date.now();
    await expect(openDatabase({ kind: "embedded", dataDir })).rejects.toMatchObject({
      code: "database_unavailable",
      message: expect.stringContaining(path.join(dataDir, "postgres.log")),
    });
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("refuses a data directory of the earlier PGlite format in one line, saying what to do", async () => {
    const dataDir = newDataDir();
    mkdirSync(path.join(dataDir, "pgdata"));
    await expect(openDatabase({ kind: "embedded", dataDir })).rejects.toMatchObject({ code: "old_data_dir" });
    const result = await runCli(["stats"], { GHSYNC_DATA_DIR: dataDir, DATABASE_URL: "" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^ghsync: .*pgdata is the embedded database of an earlier ghsync \(PGlite\).*move or delete it[^\n]*\n$/,
    );
    expect((await embeddedStatus(dataDir)).state).toBe("old_format");
  });

  it("names the server in a one-line error when a DATABASE_URL server is unreachable", async () => {
    await expect(
      openDatabase({ kind: "postgres", url: "postgres://nobody:secret@127.0.0.1:1/none" }),
    ).rejects.toMatchObject({
      code: "database_unavailable",
      message: expect.stringMatching(
        /could not connect to PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/,
      ),
    });
  });
});
