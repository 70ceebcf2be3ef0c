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

/**
 * `handlesSignals`: the command waits for SIGINT/SIGTERM itself (serve, worker, demo). Otherwise
 * Ctrl-C leaves the database before exiting, so an embedded server whose last user this was
 * stops instead of being left running (its transactions roll back; checkpoints keep the rest).
 */
export async function openRuntime(
  overrides: Partial<Settings> = {},
  options: { handlesSignals?: boolean } = {},
): Promise<Runtime> {
  const settings = { ...loadSettings(), ...overrides };
  const log = createLogger(settings.logLevel);
  const database = await openDatabase(databaseTargetFor(settings), { log });
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= database.close());
  const onSignal = (signal: NodeJS.Signals) => {
    const exit = () => process.exit(signal === "SIGINT" ? 130 : 143);
    const timer = setTimeout(exit, 3_000);
    void close()
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(timer);
        exit();
      });
  };
  if (!options.handlesSignals) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  return {
    settings,
    log,
    database,
    close() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      return close();
    },
  };
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
