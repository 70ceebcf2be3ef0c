import type { Clock } from "../util/clock.js";

/** A retryable failure's first retry waits this long; each further attempt doubles it. */
const FIRST_RETRY_MS = 30_000;

/**
 * When a sync job that failed on its `attempts`-th run (GitHub 5xx, network) runs again:
 * 30 s, 1 min, 2 min, 4 min… after now, so a GitHub outage is not hammered by every queued job.
 */
export function retryResumeAt(clock: Clock, attempts: number): Date {
  return new Date(clock.now() + FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}
