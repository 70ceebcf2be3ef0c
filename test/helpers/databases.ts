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

/** A new database of `kind`, already migrated (copied from the run's template). */
export async function freshDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === "pglite") {
    const dump = await readFile(inject("pgliteTemplate"));
    return openDatabase({ kind: "pglite", loadDataDir: new Blob([dump]) }, { migrate: false });
  }
  const name = `ghsync_t_${inject("postgresTemplate").split("_").pop()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${inject("postgresTemplate")}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase(
    { kind: "postgres", url: databaseUrl(name), poolSize: 4 },
    { migrate: false },
  );
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl() });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
