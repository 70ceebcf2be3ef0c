/**
 * Fresh, migrated databases for integration tests — the same test body runs on PGlite and on the
 * real PostgreSQL (`describe.each(databaseKinds)`), because both are supported backends.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type Database } from "../../src/store/database.js";
import { adminUrl, databaseUrl } from "./postgres-url.js";

export const databaseKinds = ["pglite", "postgres"] as const;
export type DatabaseKind = (typeof databaseKinds)[number];

/** A new PostgreSQL database copied from the run's migrated template; `drop()` removes it. */
export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ghsync_t_${inject("postgresTemplate").split("_").pop()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${inject("postgresTemplate")}`);
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

/** A new database of `kind`, already migrated (copied from the run's template). */
export async function freshDatabase(
  kind: DatabaseKind,
  options: { poolSize?: number } = {},
): Promise<Database> {
  if (kind === "pglite") {
    const dump = await readFile(inject("pgliteTemplate"));
    return openDatabase({ kind: "pglite", loadDataDir: new Blob([dump]) }, { migrate: false });
  }
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
