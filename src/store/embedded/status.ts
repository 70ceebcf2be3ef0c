/**
 * `ghsync db status|stop`: what the embedded server of a data directory is doing, read from its
 * files and, when it runs, from pg_stat_activity (without joining it: status never starts it).
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { GhsyncError } from "../../util/errors.js";
import { DATABASE, SUPERUSER } from "./cluster.js";
import { isAlive, readPostmaster } from "./postmaster.js";
import { stopServer } from "./server.js";

export interface EmbeddedMember {
  pid: number;
  command: string;
}

export interface EmbeddedStatus {
  data_dir: string;
  cluster_dir: string | null;
  state: "not_created" | "old_format" | "stopped" | "running";
  pid: number | null;
  /** The Unix socket, or 127.0.0.1:port. */
  listening: string | null;
  postgres_version: string | null;
  /** The ghsync processes using it (their membership connections). */
  members: EmbeddedMember[];
}

export async function embeddedStatus(dataDir: string): Promise<EmbeddedStatus> {
  const link = path.join(dataDir, "postgres");
  const status: EmbeddedStatus = {
    data_dir: dataDir,
    cluster_dir: null,
    state: existsSync(path.join(dataDir, "pgdata")) ? "old_format" : "not_created",
    pid: null,
    listening: null,
    postgres_version: null,
    members: [],
  };
  if (!existsSync(path.join(link, "PG_VERSION"))) return status;
  const dir = realpathSync(link);
  status.cluster_dir = dir;
  status.postgres_version = readFileSync(path.join(dir, "PG_VERSION"), "utf8").trim();
  const postmaster = readPostmaster(dir);
  if (!postmaster || !isAlive(postmaster.pid)) return { ...status, state: "stopped" };
  status.state = "running";
  status.pid = postmaster.pid;
  status.listening = postmaster.socketDir
    ? path.join(postmaster.socketDir, `.s.PGSQL.${postmaster.port}`)
    : `127.0.0.1:${postmaster.port}`;
  status.members = await membersOf(dir, postmaster.socketDir ?? "127.0.0.1", postmaster.port);
  return status;
}

async function membersOf(dir: string, host: string, port: number): Promise<EmbeddedMember[]> {
  const password = readFileSync(path.join(dir, "ghsync.password"), "utf8").trim();
  const client = new pg.Client({ host, port, user: SUPERUSER, password, database: DATABASE });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ name: string }>(
      "select application_name as name from pg_stat_activity where application_name like 'ghsync:%' order by backend_start",
    );
    return rows.map((row) => {
      const [, pid, ...command] = row.name.split(":");
      return { pid: Number(pid), command: command.join(":") };
    });
  } catch {
    return []; // stopping, or not accepting connections yet
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Stops an embedded server no ghsync process uses (one left running by a killed process). */
export async function stopEmbedded(dataDir: string): Promise<EmbeddedStatus> {
  const status = await embeddedStatus(dataDir);
  if (status.state !== "running" || !status.cluster_dir) return status;
  if (status.members.length > 0) {
    const who = status.members.map((m) => `pid ${m.pid} (ghsync ${m.command})`).join(", ");
    throw new GhsyncError(
      "embedded_in_use",
      `the embedded PostgreSQL server in ${dataDir} is used by ${who}; it stops by itself when the last of them exits`,
    );
  }
  await stopServer(status.cluster_dir);
  return embeddedStatus(dataDir);
}
