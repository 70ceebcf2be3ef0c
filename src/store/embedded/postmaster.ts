/**
 * PostgreSQL's own `postmaster.pid` is the only lock on the embedded cluster: it says whether a
 * server runs, its pid, and where it listens. Read here; written only by PostgreSQL.
 * https://www.postgresql.org/docs/current/server-start.html
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export interface Postmaster {
  pid: number;
  port: number;
  /** The Unix socket directory, or undefined when it listens on TCP only. */
  socketDir: string | undefined;
  /** `starting`, `ready`, `stopping`, `standby` (the last line, since PostgreSQL 10). */
  status: string;
}

/** The running server's record, or undefined when there is none (or it is unreadable). */
export function readPostmaster(clusterDir: string): Postmaster | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8");
  } catch {
    return undefined;
  }
  const lines = text.split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return undefined;
  return { pid, port, socketDir: lines[4]?.trim() || undefined, status: lines[7]?.trim() ?? "" };
}

/**
 * Whether `pid` is a live process. A zombie (killed, not yet reaped by its parent — in a
 * container whose pid 1 does not reap, never) is dead: it holds no lock and serves nothing.
 */
export function isAlive(pid: number): boolean {
  return processExists(pid) && !isZombie(pid);
}

/** kill(pid, 0): true for a live process and for a zombie alike. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isZombie(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  try {
    // pid (comm) state …: the state follows the last ')' (comm may hold spaces and parentheses).
    const text = readFileSync(stat, "utf8");
    return text.slice(text.lastIndexOf(")") + 2, text.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false;
  }
}
