/**
 * One process owns a PGlite data directory (two processes opening it lose committed rows).
 * The owner's pid is recorded in a lock file; a lock whose pid is dead is taken over at once,
 * so a rerun right after kill -9 starts without waiting (DESIGN.md, "Embedded database").
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { GhsyncError } from "../util/errors.js";

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/** Lock files this process holds, so opening the same directory twice in one process is refused too. */
const heldByThisProcess = new Set<string>();

function inUse(dataDir: string, pid: number, command: string | undefined): GhsyncError {
  const owner = command ? `process ${pid} (ghsync ${command})` : `process ${pid}`;
  const hint = command?.startsWith("serve")
    ? "use its API (e.g. POST /api/repos, GET /api/repos) or stop it"
    : "wait for it or stop it";
  return new GhsyncError(
    "data_dir_locked",
    `the embedded database in ${dataDir} is in use by ${owner}; ${hint}, or set DATABASE_URL to share a PostgreSQL server between processes`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The lock file holds the owner's pid, then the ghsync command it runs (for the message). */
function readOwner(file: string): { pid: number; command: string | undefined } | undefined {
  try {
    const [first, command] = readFileSync(file, "utf8").split("\n");
    const pid = Number.parseInt(first ?? "", 10);
    return Number.isInteger(pid) && pid > 0 ? { pid, command: command?.trim() || undefined } : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock of `dataDir` for this process, or throws `data_dir_locked` naming the owner. */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "ghsync.lock");
  if (heldByThisProcess.has(file)) throw inUse(dataDir, process.pid, undefined);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n${process.argv.slice(2).join(" ")}\n`, { flag: "wx" });
      heldByThisProcess.add(file);
      return {
        file,
        release() {
          if (!heldByThisProcess.delete(file)) return;
          if (readOwner(file)?.pid === process.pid) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(file);
      // Our own pid without our own handle is a stale lock from an earlier life (a container's pid 1).
      if (owner !== undefined && owner.pid !== process.pid && isAlive(owner.pid))
        throw inUse(dataDir, owner.pid, owner.command);
      // Dead, unreadable or stale owner: remove and try again.
      try {
        unlinkSync(file);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== "ENOENT") throw unlinkError;
      }
    }
  }
  throw new GhsyncError(
    "data_dir_locked",
    `could not take the lock file ${file}; another process keeps taking it`,
  );
}
