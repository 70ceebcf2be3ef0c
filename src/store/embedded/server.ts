/**
 * The embedded PostgreSQL server's lifetime. Every ghsync process on a data directory connects to
 * the running server, or starts it; while it uses the server it holds a shared advisory lock on a
 * connection of its own (its membership, named `ghsync:<pid>:<command>` in pg_stat_activity).
 * The last member to leave normally stops the server: it can take the lock exclusively only when
 * no other member holds it, and a process arriving meanwhile waits on that lock, sees the server
 * go, and starts it again. A member killed with -9 leaves nothing behind (its connection and lock
 * die with it); a postgres killed under a running process is started again by that process.
 */
import { spawn } from "node:child_process";
import { openSync, closeSync, rmSync, statSync, renameSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { GhsyncError } from "../../util/errors.js";
import type { Logger } from "../../util/logger.js";
import { postgresBinaries, type PostgresBinaries } from "./binaries.js";
import { DATABASE, ensureCluster, SUPERUSER, type Cluster } from "./cluster.js";
import { isAlive, processExists, readPostmaster, type Postmaster } from "./postmaster.js";
import { postgresRunAs, type RunAs } from "./run-as.js";

/** The advisory lock whose shared holders are the processes using the server. */
const MEMBERS_LOCK = "select pg_advisory_lock_shared(hashtext('ghsync.embedded.members'))";
const LAST_MEMBER = "select pg_try_advisory_lock(hashtext('ghsync.embedded.members')) as last";
const START_TIMEOUT_MS = 60_000;
/** A Unix socket path longer than this does not fit in sockaddr_un (104 on macOS, 108 on Linux). */
const MAX_SOCKET_PATH = 100;

export interface EmbeddedServer {
  /** A connection string for pools and LISTEN clients (the password included). */
  url: string;
  cluster: Cluster;
  /** Leaves the server: stops it when this was the last process using it. */
  release(): Promise<void>;
}

interface Context {
  cluster: Cluster;
  binaries: PostgresBinaries;
  runAs: RunAs | undefined;
  logFile: string;
  log: Logger;
  label: string;
}

/** Joins (or starts) the embedded server of `dataDir`. */
export async function joinEmbeddedServer(
  dataDir: string,
  log: Logger,
  label: string,
): Promise<EmbeddedServer> {
  const runAs = postgresRunAs();
  const binaries = await postgresBinaries(runAs);
  const cluster = await ensureCluster(dataDir, binaries, runAs);
  const context: Context = {
    cluster,
    binaries,
    runAs,
    logFile: path.join(dataDir, "postgres.log"),
    log,
    label,
  };
  let member = await becomeMember(context);
  let released = false;
  // A server killed or crashed under a running process is started again by it (the pools then
  // reconnect on their next query); a server stopped by a member leaving is restarted the same way.
  const watch = (client: pg.Client) =>
    client.once("end", () => {
      if (released) return;
      log.warn({ cluster: cluster.dir }, "the embedded PostgreSQL server went away; starting it again");
      void becomeMember(context).then(
        (next) => {
          member = next;
          // This process closed while the server was being started again: leave it at once.
          if (released) void leave(next.client, cluster.dir);
          else watch(next.client);
        },
        (error: unknown) => log.error({ err: error }, "could not start the embedded PostgreSQL server again"),
      );
    });
  watch(member.client);
  return {
    url: member.url,
    cluster,
    async release() {
      released = true;
      await leave(member.client, cluster.dir);
    },
  };
}

function connectionUrl(cluster: Cluster, postmaster: Postmaster): string {
  const host = postmaster.socketDir ?? "127.0.0.1";
  return `postgres://${SUPERUSER}:${encodeURIComponent(cluster.password)}@localhost:${postmaster.port}/${DATABASE}?host=${encodeURIComponent(host)}`;
}

/** Connects with a membership lock, starting the server when none runs; retries through races. */
async function becomeMember(context: Context): Promise<{ client: pg.Client; url: string }> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError: unknown;
  let failedStarts = 0;
  // A start lost to another process's server is normal, and so is one refused while the backends
  // of a killed server still hold its shared memory (they exit within moments): retried with
  // back-off. Five in a row with no server running is a real failure.
  while (Date.now() < deadline && failedStarts < 5) {
    const postmaster = readPostmaster(context.cluster.dir);
    if (!postmaster || !isAlive(postmaster.pid)) {
      lastError = await startServer(context, postmaster).then(
        () => undefined,
        (error: unknown) => error,
      );
      failedStarts = lastError === undefined ? 0 : failedStarts + 1;
      if (failedStarts > 0) await sleep(100 * 2 ** failedStarts);
      continue;
    }
    if (postmaster.status !== "ready") {
      await sleep(50);
      continue;
    }
    const url = connectionUrl(context.cluster, postmaster);
    const client = new pg.Client({
      connectionString: url,
      application_name: `ghsync:${process.pid}:${context.label}`.slice(0, 63),
      connectionTimeoutMillis: 10_000,
    });
    client.on("error", () => undefined); // reported by the failing query, or by "end" (watch)
    try {
      await client.connect();
      await client.query(MEMBERS_LOCK);
      return { client, url };
    } catch (error) {
      // Shutting down (a last member leaving), or not accepting connections yet: try again.
      lastError = error;
      await client.end().catch(() => undefined);
      await sleep(100);
    }
  }
  throw new GhsyncError(
    "database_unavailable",
    `the embedded PostgreSQL server in ${context.cluster.dir} did not start (${describe(lastError)}); its log is ${context.logFile}`,
    { retryable: true, cause: lastError },
  );
}

/**
 * Starts postgres detached (its own session, its output in the log file), so it outlives the
 * process that started it and no terminal signal reaches it. Resolves when it accepts
 * connections; rejects when it exits first (another process's server won the lock file).
 */
async function startServer(context: Context, stale: Postmaster | undefined): Promise<void> {
  const { cluster, binaries, runAs } = context;
  // A zombie postmaster (killed, never reaped) still answers kill(pid, 0), which PostgreSQL reads
  // as alive; its record is removed here (if it is still that record). A dead pid's record
  // PostgreSQL replaces itself.
  if (stale && processExists(stale.pid) && readPostmaster(cluster.dir)?.pid === stale.pid)
    rmSync(path.join(cluster.dir, "postmaster.pid"), { force: true });
  const socketDir = os.platform() === "win32" ? undefined : cluster.dir;
  const useSocket = socketDir !== undefined && socketDir.length + 16 <= MAX_SOCKET_PATH;
  const port = useSocket ? 5432 : await freePort();
  const args = [
    "-D",
    cluster.dir,
    "-p",
    String(port),
    "-c",
    `listen_addresses=${useSocket ? "" : "127.0.0.1"}`,
    "-c",
    `unix_socket_directories=${useSocket ? socketDir : ""}`,
  ];
  rotateLog(context.logFile);
  const out = openSync(context.logFile, "a");
  const child = spawn(binaries.postgres, args, { ...runAs, detached: true, stdio: ["ignore", out, out] });
  closeSync(out);
  let exited: number | null | undefined;
  child.on("exit", (code) => (exited = code));
  child.on("error", () => (exited = -1));
  child.unref();
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`postgres exited with code ${exited} while starting`);
    const postmaster = readPostmaster(cluster.dir);
    if (postmaster && postmaster.pid === child.pid && postmaster.status === "ready") {
      context.log.debug({ pid: child.pid, cluster: cluster.dir }, "embedded PostgreSQL server started");
      return;
    }
    await sleep(25);
  }
  throw new Error("postgres did not become ready");
}

/** Leaves the server; the last member stops it (fast shutdown) and waits until it is gone. */
async function leave(client: pg.Client, clusterDir: string): Promise<void> {
  try {
    await client.query("select pg_advisory_unlock_all()");
    const { rows } = await client.query<{ last: boolean }>(LAST_MEMBER);
    if (rows[0]?.last) await stopServer(clusterDir);
  } catch {
    // The server is gone already: nothing to leave.
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Fast shutdown (SIGINT): sessions are ended, the data is checkpointed; waits up to 30 s. */
export async function stopServer(clusterDir: string): Promise<boolean> {
  const postmaster = readPostmaster(clusterDir);
  if (!postmaster || !isAlive(postmaster.pid)) return false;
  process.kill(postmaster.pid, "SIGINT");
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && isAlive(postmaster.pid)) await sleep(25);
  return true;
}

/** Keeps the server's log bounded: over 10 MB, it becomes postgres.log.1 at the next start. */
function rotateLog(file: string): void {
  try {
    if (statSync(file).size > 10 * 1024 * 1024) renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error ?? "no answer");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
