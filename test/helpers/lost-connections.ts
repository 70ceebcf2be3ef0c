import { pino } from "pino";
import type { Logger } from "../../src/util/logger.js";

/**
 * A logger for a database under test, and a promise settled when the database first loses a
 * connection: the pool logs each dropped connection's "error" event (src/store/database.ts), so
 * a test waits for that event instead of sleeping while the client notices the drop.
 */
export function watchLostConnections(): { log: Logger; lost: Promise<void> } {
  let settle: () => void = () => undefined;
  const lost = new Promise<void>((resolve) => (settle = resolve));
  const stream = {
    write: (line: string) => {
      if (line.includes("a database connection was lost")) settle();
    },
  };
  return { log: pino({ level: "warn" }, stream), lost };
}
