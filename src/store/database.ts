/**
 * The database factory: the embedded PostgreSQL server of GHSYNC_DATA_DIR when DATABASE_URL is
 * unset (store/embedded/), any PostgreSQL server when it is set. One engine, one schema, one set
 * of migrations, one query code path.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { GhsyncError } from "../util/errors.js";
import { createLogger, type Logger } from "../util/logger.js";
import { joinEmbeddedServer } from "./embedded/server.js";
import { isConnectionError } from "./connection-errors.js";
import * as schema from "./schema.js";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly db: Db;
  readonly kind: "embedded" | "postgres";
  /** Where the data lives, without credentials (for messages). */
  readonly location: string;
  /** Applies pending migrations (forward-only, from ./drizzle). */
  migrate(): Promise<void>;
  /**
   * Raw SQL for libraries that bring their own (the job queue, through which every statement it
   * sends is watched: jobs/unawaited-statements.ts).
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /**
   * A lock held until released or until this process dies, whoever else asks (another worker on
   * another machine included): a PostgreSQL session advisory lock on a connection of its own.
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
  /** The embedded server of a data directory (GHSYNC_DATA_DIR), started when none runs. */
  | { kind: "embedded"; dataDir: string; poolSize?: number };

export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

export interface OpenOptions {
  migrate?: boolean;
  /** Where the embedded server's starts and restarts are reported. */
  log?: Logger;
}

/** Opens the database and applies pending migrations (under a lock: processes may start together). */
export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  const database =
    target.kind === "postgres"
      ? await openPostgres(target.url, { ...target, ...(options.log ? { log: options.log } : {}) })
      : await openEmbedded(target, options);
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

/** Picks the target from settings: PostgreSQL when DATABASE_URL is set, else the embedded server. */
export function databaseTargetFor(settings: {
  databaseUrl: string | undefined;
  dataDir: string;
  databasePoolSize?: number | undefined;
}): DatabaseTarget {
  const poolSize = settings.databasePoolSize ? { poolSize: settings.databasePoolSize } : {};
  return settings.databaseUrl
    ? { kind: "postgres", url: settings.databaseUrl, ...poolSize }
    : { kind: "embedded", dataDir: settings.dataDir, ...poolSize };
}

async function openEmbedded(
  target: { dataDir: string; poolSize?: number },
  options: OpenOptions,
): Promise<Database> {
  const log = options.log ?? createLogger("warn");
  const dataDir = path.resolve(target.dataDir);
  const label = process.argv.slice(2).join(" ") || "ghsync";
  const server = await joinEmbeddedServer(dataDir, log, label);
  try {
    return await openPostgres(server.url, {
      ...(target.poolSize !== undefined ? { poolSize: target.poolSize } : {}),
      log,
      kind: "embedded",
      location: `embedded PostgreSQL in ${dataDir}`,
      onClose: () => server.release(),
    });
  } catch (error) {
    await server.release();
    throw error;
  }
}

interface PoolOptions {
  poolSize?: number;
  log?: Logger;
  kind?: Database["kind"];
  location?: string;
  /** Runs after the pool has ended (the embedded server's release). */
  onClose?: () => Promise<void>;
}

async function openPostgres(url: string, options: PoolOptions = {}): Promise<Database> {
  const { default: pg } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 20,
    application_name: "ghsync",
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    // No statement of ours runs for minutes: one that does is stuck (a lock, a runaway plan).
    statement_timeout: 120_000,
  });
  // A connection dropped under a client (server restart, terminated backend, network cut) emits
  // "error" on it, idle in the pool or checked out for a transaction; without a listener that is
  // an uncaught exception that stops the process. Logged here; the query in flight rejects, and
  // the next one gets a fresh connection or a clear error.
  const log = options.log;
  const lost = (error: Error) => log?.warn({ err: error }, "a database connection was lost");
  pool.on("error", lost);
  pool.on("connect", (client) => client.on("error", lost));
  const location = options.location ?? redactUrl(url);
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
  // drizzle-orm 0.45's pool transaction sends `begin` after taking a client but outside its
  // try/finally: when the connection is dropped right then (a server restart), the client is never
  // handed back, and a pool that loses all its clients so hangs every query and `end()` for good
  // (FAULTS.md #24, test/integration/database-restarts.test.ts). Ours takes the client itself and
  // always gives it back — broken, when the connection failed, so the pool drops it.
  db.transaction = async (work, config) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const single = drizzle({ client, schema }) as unknown as Db;
      return await single.transaction(work, config);
    } catch (error) {
      broken = isConnectionError(error) ? (error as Error) : undefined;
      throw error;
    } finally {
      client.release(broken);
    }
  };
  return {
    db,
    kind: options.kind ?? "postgres",
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
    // Lock clients are pool clients: a dropped connection is logged by the pool's listener, the
    // lock is lost with it, and the failing query below reports it.
    async tryLock(key) {
      const client = await pool.connect();
      try {
        const result = await client.query<{ locked: boolean }>(
          "select pg_try_advisory_lock(hashtext('ghsync.lock'), hashtext($1)) as locked",
          [key],
        );
        if (!result.rows[0]?.locked) {
          client.release();
          return undefined;
        }
      } catch (error) {
        client.release(true);
        throw error;
      }
      return {
        async release() {
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
      let broken: Error | undefined;
      try {
        await client.query("select pg_advisory_lock(hashtext('ghsync.lock'), hashtext($1))", [key]);
        try {
          return await fn();
        } finally {
          await client
            .query("select pg_advisory_unlock(hashtext('ghsync.lock'), hashtext($1))", [key])
            .catch((error: Error) => {
              broken = error;
              throw error;
            });
        }
      } catch (error) {
        broken ??= isConnectionError(error) ? (error as Error) : undefined;
        throw error;
      } finally {
        client.release(broken);
      }
    },
    listen: (channel, onPayload) => listenPostgres(url, channel, onPayload),
    async close() {
      try {
        await pool.end();
      } finally {
        await options.onClose?.();
      }
    },
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
