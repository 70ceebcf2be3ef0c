/**
 * GitHub's guidance for mutating requests: one at a time, at least a second apart
 * (docs.github.com, REST best practices, "Pause between mutative requests"). Octokit's throttling
 * plugin applies it to every POST — GraphQL queries included, which read and mutate nothing, so
 * every query waited a second for the one before. ghsync spaces its own writes here instead and
 * lets queries run side by side (GitHub's limit for them: 100 concurrent, 2,000 points a minute).
 */
import type Bottleneck from "bottleneck";
import type { Clock } from "../util/clock.js";

export class WriteSpacing {
  private queue: Promise<unknown> = Promise.resolve();
  private lastMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly gapMs = 1_000,
  ) {}

  /** Runs `write` after the previous one has finished and a second has passed since. */
  run<T>(write: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(async () => {
      const wait = this.lastMs + this.gapMs - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
      try {
        return await write();
      } finally {
        this.lastMs = this.clock.now();
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}

/**
 * In place of the throttling plugin's write limiter, a Bottleneck group it asks for a turn before
 * every POST and every query to /graphql (`write.key(id).schedule(options, job)`, its only use):
 * every turn at once. Writes are spaced by WriteSpacing.
 */
export const UNSPACED = {
  key: () => ({ schedule: <T>(_options: unknown, job: () => Promise<T>) => job() }),
} as unknown as Bottleneck.Group;
