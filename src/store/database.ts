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
  /**
   * Raw SQL for libraries that bring their own (the job queue). Without values the text may hold
   * several statements; the last one's rows are returned.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /**
   * A lock held until released or until this process dies, whoever else asks (another worker on
   * another machine included): a PostgreSQL session advisory lock on a connection of its own.
   * Embedded, one process owns the database, so a lock in memory is the same guarantee.
   */
  tryLock(key: string): Promise<HeldLock | undefined>;
  /** Runs `fn` while holding the lock `key`, waiting for it (setup that several processes race to do). */
  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Calls `onPayload` for every NOTIFY on `channel` (from any process); returns the unsubscribe. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface HeldLock {
  release(): Promise<void>;
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
  databasePoolSize?: number | undefined;
}): DatabaseTarget {
  return settings.databaseUrl
    ? {
        kind: "postgres",
        url: settings.databaseUrl,
        ...(settings.databasePoolSize ? { poolSize: settings.databasePoolSize } : {}),
      }
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
    const locks = new Set<string>();
    return {
      db,
      kind: "pglite",
      location: target.dataDir ?? "memory",
      async migrate() {
        const { migrate } = await import("drizzle-orm/pglite/migrator");
        await migrate(drizzle({ client }), { migrationsFolder });
      },
      async executeSql(text, values) {
        if (values && values.length > 0) return client.query<Record<string, unknown>>(text, values);
        const results = await client.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
      },
      async tryLock(key) {
        if (locks.has(key)) return undefined;
        locks.add(key);
        return { release: async () => void locks.delete(key) };
      },
      async exclusive(_key, fn) {
        // One process owns the embedded database: nobody to race with.
        return fn();
      },
      async listen(channel, onPayload) {
        return client.listen(channel, onPayload);
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

async function openPostgres(url: string, poolSize = 20): Promise<Database> {
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
    async executeSql(text, values) {
      return pool.query<Record<string, unknown>>(text, values);
    },
    async tryLock(key) {
      const client = await pool.connect();
      // A checked-out client's connection error has no pool listener and would be an uncaught
      // exception: the lock is lost with the connection, which the failed release below reports.
      const ignore = () => undefined;
      client.on("error", ignore);
      try {
        const result = await client.query<{ locked: boolean }>(
          "select pg_try_advisory_lock(hashtext('ghsync.lock'), hashtext($1)) as locked",
          [key],
        );
        if (!result.rows[0]?.locked) {
          client.off("error", ignore);
          client.release();
          return undefined;
        }
      } catch (error) {
        client.off("error", ignore);
        client.release(true);
        throw error;
      }
      return {
        async release() {
          client.off("error", ignore);
          try {
            await client.query("select pg_advisory_unlock(hashtext('ghsync.lock'), hashtext($1))", [key]);
            client.release();
          } catch (error) {
            // A broken connection has lost the lock anyway; never hand it back to the pool.
            client.release(error as Error);
          }
        },
      };
    },
    async exclusive(key, fn) {
      const client = await pool.connect();
      const ignore = () => undefined; // as in tryLock: the failing query reports a broken connection
      client.on("error", ignore);
      try {
        await client.query("select pg_advisory_lock(hashtext('ghsync.lock'), hashtext($1))", [key]);
        try {
          return await fn();
        } finally {
          await client.query("select pg_advisory_unlock(hashtext('ghsync.lock'), hashtext($1))", [key]);
        }
      } finally {
        client.off("error", ignore);
        client.release();
      }
    },
    listen: (channel, onPayload) => listenPostgres(url, channel, onPayload),
    close: () => pool.end(),
  };
}

/**
 * LISTEN on a connection of its own, re-established (with back-off) when the server goes away,
 * so a restart of PostgreSQL does not silence the live event stream for good.
 */
async function listenPostgres(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
): Promise<() => Promise<void>> {
  const { default: pg } = await import("pg");
  let client: InstanceType<typeof pg.Client> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (attempt: number): Promise<void> => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    next.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    next.on("error", () => undefined);
    next.on("end", () => {
      if (client === next && !stopped) {
        client = undefined;
        timer = setTimeout(() => void connect(0), 1_000);
      }
    });
    try {
      await next.connect();
      await next.query(`listen "${channel.replaceAll('"', '""')}"`);
      client = next;
    } catch {
      await next.end().catch(() => undefined);
      timer = setTimeout(() => void connect(attempt + 1), Math.min(30_000, 500 * 2 ** attempt));
    }
  };
  await connect(0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await client?.end().catch(() => undefined);
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
