/**
 * The database factory: embedded PGlite under GHSYNC_DATA_DIR when DATABASE_URL is unset,
 * a PostgreSQL server when it is set. One schema, one set of migrations, one query code path.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { GhsyncError } from "../util/errors.js";
import { lockDataDir, type DataDirLock } from "./data-dir-lock.js";
import * as schema from "./schema.js";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly db: Db;
  readonly kind: "pglite" | "postgres";
  /** Where the data lives, without credentials (for messages). */
  readonly location: string;
  /** Applies pending migrations (forward-only, from ./drizzle). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number }
  /** `dataDir` undefined: in memory (tests). `loadDataDir`: start from a dump (a migrated template). */
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob };

export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

/** Opens the database and applies pending migrations (the owning process migrates). */
export async function openDatabase(
  target: DatabaseTarget,
  options: { migrate?: boolean } = {},
): Promise<Database> {
  const database =
    target.kind === "postgres" ? await openPostgres(target.url, target.poolSize) : await openPglite(target);
  if (options.migrate !== false) {
    try {
      await database.migrate();
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

/** Picks the target from settings: PostgreSQL when DATABASE_URL is set, else PGlite under the data dir. */
export function databaseTargetFor(settings: {
  databaseUrl: string | undefined;
  dataDir: string;
}): DatabaseTarget {
  return settings.databaseUrl
    ? { kind: "postgres", url: settings.databaseUrl }
    : { kind: "pglite", dataDir: path.join(settings.dataDir, "pgdata") };
}

async function openPglite(target: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  const lock: DataDirLock | undefined = target.dataDir
    ? lockDataDir(path.dirname(target.dataDir))
    : undefined;
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = await PGlite.create({
      ...(target.dataDir ? { dataDir: target.dataDir } : {}),
      ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    });
    const db = drizzle({ client, schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      location: target.dataDir ?? "memory",
      async migrate() {
        const { migrate } = await import("drizzle-orm/pglite/migrator");
        await migrate(drizzle({ client }), { migrationsFolder });
      },
      async close() {
        try {
          await client.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw new GhsyncError("database_unavailable", `could not open the embedded database: ${String(error)}`, {
      cause: error,
    });
  }
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const { default: pg } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client's error (server restart, terminated backend) must not crash the process;
  // the next query gets a fresh connection or a clear error.
  pool.on("error", () => undefined);
  const location = redactUrl(url);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new GhsyncError(
      "database_unavailable",
      `could not connect to PostgreSQL at ${location}: ${(error as Error).message}`,
      { retryable: true, cause: error },
    );
  }
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    location,
    // Several processes (serve, workers) may start at once: migrate under a session advisory lock,
    // on one dedicated connection so the lock and the migration share a session.
    async migrate() {
      const { migrate } = await import("drizzle-orm/node-postgres/migrator");
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock(hashtext('ghsync.migrations'))");
        try {
          await migrate(drizzle({ client }), { migrationsFolder });
        } finally {
          await client.query("select pg_advisory_unlock(hashtext('ghsync.migrations'))");
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
