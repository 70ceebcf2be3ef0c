/**
 * Whether a failed job is worth another run — the one rule every job handler applies.
 *
 * Transient (run again later): the world outside failed and may not next time —
 * - a `GhsyncError` marked `retryable`: GitHub 5xx, secondary rate limits, timeouts and network
 *   failures (github/github-error.ts), our own carry-overs (`RateLimitWaitError`,
 *   `InterruptedError`), `database_unavailable`;
 * - a lost or refused connection, to the database or anything else (store/connection-errors.ts);
 * - PostgreSQL aborting a transaction for a conflict with another (serialization failure, deadlock),
 *   or cancelling a statement that waited past `statement_timeout` (a lock held by another; a
 *   statement that is itself too slow fails the same way on every run and so ends failed).
 *
 * Permanent (fail now, on the first attempt): a `GhsyncError` not marked retryable (its message
 * says what to do), and every other error. Those are bugs in our own code — a TypeError in a
 * normalizer, a zod parse failure, an assertion — which another run would only repeat; their
 * message is prefixed "internal error:" and the caller logs them with the stack.
 */
import { isConnectionError } from "../store/connection-errors.js";
import { isGhsyncError } from "../util/errors.js";

/**
 * serialization_failure, deadlock_detected (https://www.postgresql.org/docs/current/mvcc-serialization-failure-handling.html),
 * query_canceled (57014: statement_timeout), lock_not_available (55P03).
 */
const CONFLICT_CODES = new Set(["40001", "40P01", "57014", "55P03"]);

export interface ClassifiedFailure {
  transient: boolean;
  /** What the job's record shows: a bug of ours, not something the user or GitHub did, says "internal error: …". */
  message: string;
}

export function classifyFailure(error: unknown): ClassifiedFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (isGhsyncError(error)) return { transient: error.retryable, message };
  if (isConnectionError(error) || isConflict(error)) return { transient: true, message };
  return { transient: false, message: `internal error: ${message}` };
}

/** Through wrapping causes: drizzle wraps the driver's error ("Failed query: …"). */
function isConflict(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string" && CONFLICT_CODES.has(code)) return true;
    current = cause;
  }
  return false;
}
