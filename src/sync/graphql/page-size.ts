/**
 * How many pull requests a GraphQL page asks for. GitHub gives up on a query it cannot answer
 * within 10 s (a 502, or no answer): the page is asked again at half the size, down to `MIN`;
 * after a run of successes the size doubles back toward `MAX`. A query that still fails at the
 * smallest size is reported, not looped on (the error stays retryable: a job tries again later).
 * Rate-limit waits and interruptions are not failures of the query and pass straight through.
 */
import { GhsyncError, InterruptedError, RateLimitWaitError, isGhsyncError } from "../../util/errors.js";

export const MAX_PAGE = 100;
export const MIN_PAGE = 5;
/** Attempts at the smallest size before giving up. */
const ATTEMPTS_AT_MIN = 2;
/** Successes in a row before the size grows again. */
const GROW_AFTER = 3;

function worthRetrying(error: unknown): boolean {
  if (error instanceof RateLimitWaitError || error instanceof InterruptedError) return false;
  return isGhsyncError(error) && error.retryable;
}

export class PageSize {
  private size = MAX_PAGE;
  private successes = 0;

  constructor(private readonly backOff: (attempt: number) => Promise<void>) {}

  get current(): number {
    return this.size;
  }

  /** Runs `query` at the current size, shrinking it on failures that a smaller query may avoid. */
  async run<T>(what: string, query: (first: number) => Promise<T>): Promise<T> {
    let atMin = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await query(this.size);
        if (++this.successes >= GROW_AFTER) {
          this.size = Math.min(MAX_PAGE, this.size * 2);
          this.successes = 0;
        }
        return result;
      } catch (error) {
        this.successes = 0;
        if (!worthRetrying(error)) throw error;
        if (this.size === MIN_PAGE && ++atMin >= ATTEMPTS_AT_MIN) {
          const message = error instanceof Error ? error.message : String(error);
          throw new GhsyncError(
            "graphql_failed",
            `GitHub could not answer ${what} even ${MIN_PAGE} at a time: ${message}`,
            { status: 502, retryable: true, cause: error },
          );
        }
        this.size = Math.max(MIN_PAGE, Math.floor(this.size / 2));
        await this.backOff(attempt);
      }
    }
  }
}
