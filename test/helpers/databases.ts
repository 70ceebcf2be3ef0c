/**
 * Fresh, migrated databases for integration tests, copied from the run's migrated template on the
 * PostgreSQL server (the embedded server runs the same engine; test/integration/embedded-*.test.ts
 * covers what is its own: starting, sharing and recovering the cluster).
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type Database } from "../../src/store/database.js";
import { stopServer } from "../../src/store/embedded/server.js";
import { adminUrl, databaseUrl } from "./postgres-url.js";

/**
 * A new PostgreSQL database copied from the run's migrated template (or from `template0`: an empty
 * one, for migration tests); `drop()` removes it.
 */
export async function freshPostgres(
  options: { empty?: boolean } = {},
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ghsync_t_${inject("postgresTemplate").split("_").pop()}_${randomBytes(4).toString("hex")}`;
  const template = options.empty ? "template0" : inject("postgresTemplate");
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(name),
    async drop() {
      const cleanup = new pg.Client({ connectionString: adminUrl() });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** A new database, already migrated (copied from the run's template). */
export async function freshDatabase(options: { poolSize?: number } = {}): Promise<Database> {
  const fresh = await freshPostgres();
  const database = await openDatabase(
    { kind: "postgres", url: fresh.url, poolSize: options.poolSize ?? 4 },
    { migrate: false },
  );
  return {
    ...database,
    async close() {
      await database.close();
      await fresh.drop();
    },
  };
}

/**
 * A data directory for the embedded server (GHSYNC_DATA_DIR). As root the server runs as the
 * `postgres` user, which must be able to enter it: mkdtemp's 0700 is opened to 0755.
 * `remove()` stops a server left running (by a killed process) and deletes the directory.
 */
export function embeddedDataDir(prefix = "ghsync-embedded-"): { dir: string; remove(): Promise<void> } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return {
    dir,
    async remove() {
      const cluster = path.join(dir, "postgres");
      if (existsSync(cluster)) await stopServer(realpathSync(cluster));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
