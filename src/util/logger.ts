/**
 * pino to stderr: stdout belongs to results (DESIGN.md, "Output discipline").
 * Token-bearing fields are redacted and a failed query's bound values left out (log-errors.ts), so
 * secrets and payloads never reach logs.
 */
import { pino, type Logger } from "pino";
import { serializeError } from "./log-errors.js";

export type { Logger };

export function createLogger(level = "info"): Logger {
  return pino(
    {
      level,
      base: undefined,
      serializers: { err: serializeError },
      redact: {
        paths: ["token", "*.token", "authorization", "*.authorization", "headers.authorization", "secret"],
        censor: "[redacted]",
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
