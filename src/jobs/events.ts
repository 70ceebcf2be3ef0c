/**
 * Live job events (DESIGN.md: `sync:start`, `sync:progress`, `sync:complete`, `sync:error`; and
 * `goals:evaluated`, so the dashboard's goals move with webhook activity too), sent
 * through the database's NOTIFY so that an API process sees the progress of a job that a worker on
 * another machine runs (or a `ghsync worker` beside `ghsync serve` on the embedded server).
 */
import type { StreamEvent } from "../contract/events.js";
import type { Database } from "../store/database.js";
import type { Logger } from "../util/logger.js";

export const EVENT_CHANNEL = "ghsync_events";

export type JobEvent = StreamEvent;

/**
 * One LISTEN per process, fanned out to every subscriber (each SSE client) in memory.
 */
export class EventBus {
  private readonly subscribers = new Set<(event: JobEvent) => void>();
  private listening: Promise<() => Promise<void>> | undefined;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
  ) {}

  /**
   * Best effort: a lost progress event is repaired by the next one; the job record is the truth.
   * One at a time, in order: two NOTIFYs sent on two pooled connections at once may commit in
   * either order, and a stream could see a job's progress before its start.
   */
  publish(event: JobEvent): void {
    this.sending = this.sending.then(() =>
      this.database.executeSql("select pg_notify($1, $2)", [EVENT_CHANNEL, JSON.stringify(event)]).then(
        () => undefined,
        (error: unknown) => this.log.debug({ err: error }, "could not publish a job event"),
      ),
    );
  }

  async subscribe(onEvent: (event: JobEvent) => void): Promise<() => void> {
    this.listening ??= this.database.listen(EVENT_CHANNEL, (payload) => this.deliver(payload));
    await this.listening;
    this.subscribers.add(onEvent);
    return () => void this.subscribers.delete(onEvent);
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    const unlisten = await this.listening;
    this.listening = undefined;
    await unlisten?.();
  }

  private deliver(payload: string): void {
    let event: JobEvent;
    try {
      event = JSON.parse(payload) as JobEvent;
    } catch (error) {
      this.log.debug({ err: error }, "ignoring a malformed job event");
      return;
    }
    for (const subscriber of this.subscribers) subscriber(event);
  }
}
