/**
 * Turns an error into one line on stderr and an exit code: a user gets what to do, not a stack
 * trace. Unexpected errors keep their stack (they are bugs to report).
 */
import { isGhsyncError } from "../util/errors.js";

export function reportFailure(error: unknown): number {
  if (isGhsyncError(error)) {
    process.stderr.write(`ghsync: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(
    `ghsync: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 70; // EX_SOFTWARE
}
