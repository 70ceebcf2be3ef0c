/**
 * pino to stderr: stdout belongs to results (DESIGN.md, "Output discipline").
 * Token-bearing fields are redacted so secrets never reach logs.
 */
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level = "info"): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ["token", "*.token", "authorization", "*.authorization", "headers.authorization", "secret"],
        censor: "[redacted]",
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
