/**
 * The embedded cluster's files: `<GHSYNC_DATA_DIR>/postgres` is the PostgreSQL data directory,
 * created once by initdb with a generated superuser password kept in `ghsync.password` inside it
 * (mode 0600). Two processes creating it at once each run initdb in a staging directory and
 * rename it into place; the first rename wins and the other copy is discarded.
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import {
  appendFile,
  chown,
  mkdir,
  mkdtemp,
  readFile,
  realpath,
  rename,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import { GhsyncError } from "../../util/errors.js";
import type { PostgresBinaries } from "./binaries.js";
import { canEnter, ROOT_SHARED_DIR, type RunAs } from "./run-as.js";

export const SUPERUSER = "ghsync";
export const DATABASE = "postgres";

export interface Cluster {
  /** The data directory of the server (resolved; outside GHSYNC_DATA_DIR only in the root case below). */
  dir: string;
  password: string;
}

/** Settings for a small server that one person's ghsync processes share. */
const CONFIG = `
# ghsync (src/store/embedded/cluster.ts): a small server for the ghsync processes of one data
# directory. Where it listens is given at each start (a Unix socket in this directory, or 127.0.0.1).
max_connections = 100
shared_buffers = 32MB
# Short analytical queries gain nothing from JIT compilation and pay ~100 ms for it.
jit = off
`;

/** The cluster of `dataDir`, created when it does not exist yet. */
export async function ensureCluster(
  dataDir: string,
  binaries: PostgresBinaries,
  runAs: RunAs | undefined,
): Promise<Cluster> {
  await mkdir(dataDir, { recursive: true });
  refuseOldFormat(dataDir);
  const link = path.join(dataDir, "postgres");
  if (!existsSync(path.join(link, "PG_VERSION"))) await createCluster(dataDir, link, binaries, runAs);
  const dir = await realpath(link);
  const password = (await readFile(path.join(dir, "ghsync.password"), "utf8")).trim();
  return { dir, password };
}

/** ghsync 0.1 kept a PGlite database in `<data dir>/pgdata`; it cannot be read by a server. */
function refuseOldFormat(dataDir: string): void {
  const old = path.join(dataDir, "pgdata");
  if (!existsSync(old)) return;
  throw new GhsyncError(
    "old_data_dir",
    `${old} is the embedded database of an earlier ghsync (PGlite), which this version cannot read: move or delete it and run \`ghsync sync\` again to rebuild the mirror from GitHub (or set GHSYNC_DATA_DIR to another directory)`,
  );
}

async function createCluster(
  dataDir: string,
  link: string,
  binaries: PostgresBinaries,
  runAs: RunAs | undefined,
): Promise<void> {
  const base = runAs && !canEnter(dataDir, runAs) ? await rootFallback(dataDir) : dataDir;
  const staging = await mkdtemp(path.join(base, ".postgres-init-"));
  try {
    const target = path.join(staging, "postgres");
    const password = randomBytes(24).toString("base64url");
    const pwfile = path.join(staging, "pwfile");
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    if (runAs) {
      await chown(staging, runAs.uid, runAs.gid);
      await chown(pwfile, runAs.uid, runAs.gid);
    }
    await runInitdb(binaries.initdb, target, pwfile, runAs);
    await writeFile(path.join(target, "ghsync.password"), `${password}\n`, { mode: 0o600 });
    await appendFile(path.join(target, "postgresql.conf"), CONFIG);
    const final = path.join(base, "postgres");
    try {
      await rename(target, final);
    } catch (error) {
      // Another process created it first: theirs is the cluster.
      if (!["ENOTEMPTY", "EEXIST"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
    }
    if (base !== dataDir) {
      await symlink(final, link).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "EEXIST") throw error;
      });
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Where root's cluster goes when the `postgres` user cannot enter GHSYNC_DATA_DIR (under /root, say). */
async function rootFallback(dataDir: string): Promise<string> {
  const id = createHash("sha256").update(dataDir).digest("hex").slice(0, 16);
  const base = path.join(ROOT_SHARED_DIR, id);
  await mkdir(base, { recursive: true, mode: 0o755 });
  await writeFile(path.join(base, "ORIGIN"), `${dataDir}\n`);
  return base;
}

function runInitdb(initdb: string, target: string, pwfile: string, runAs: RunAs | undefined): Promise<void> {
  const args = [
    `--pgdata=${target}`,
    `--username=${SUPERUSER}`,
    `--pwfile=${pwfile}`,
    "--auth=scram-sha-256",
    "--encoding=UTF8",
    "--no-locale",
    "--no-instructions",
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(initdb, args, { ...runAs, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else
        reject(
          new GhsyncError(
            "embedded_unavailable",
            `initdb could not create the embedded database in ${target} (exit ${code}): ${stderr.trim().split("\n").at(-1) ?? ""}`,
          ),
        );
    });
  });
}
