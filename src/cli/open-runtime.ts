/**
 * What every database-backed command starts from: validated settings, a logger on stderr and the
 * migrated database (embedded unless DATABASE_URL is set). `close()` releases it all.
 */
import { loadSettings, type Settings } from "../config/settings.js";
import { databaseTargetFor, openDatabase, type Database } from "../store/database.js";
import { createLogger, type Logger } from "../util/logger.js";

export interface Runtime {
  settings: Settings;
  log: Logger;
  database: Database;
  close(): Promise<void>;
}

export async function openRuntime(overrides: Partial<Settings> = {}): Promise<Runtime> {
  const settings = { ...loadSettings(), ...overrides };
  const log = createLogger(settings.logLevel);
  const database = await openDatabase(databaseTargetFor(settings), { log });
  return { settings, log, database, close: () => database.close() };
}

/** Runs `fn` with an open runtime, closed afterwards whatever happens. */
export async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime();
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
