/**
 * Progress of a sync in requests: each (repository, entity) task says how many requests it still
 * expects (from `Link: rel="last"`), and the run adds them up to X of Y, percent and ETA.
 * Work not begun yet is reserved up front (a repository's lists before its sync reaches them), so
 * the total is known early and the run never looks finished between two lists.
 * Listeners get snapshots (the CLI's bar on stderr, the API's live stream).
 *
 * The percent never goes backwards (issue 19: a backfill showed 70% → 7% as its lists found their
 * pages): each request done takes its share of the work still ahead when it is made, so work found
 * later slows the percent down instead of moving it back. X of Y stays the plain count of work
 * done and work found.
 */
export interface ProgressSnapshot {
  done: number;
  total: number;
  percent: number;
  etaSeconds: number | null;
  current: string | undefined;
  waitingUntil: Date | undefined;
}

export interface ProgressTask {
  /** `remaining` requests still expected, counting the one about to be made. */
  expect(remaining: number): void;
  advance(requests: number): void;
  finish(): void;
}

type Listener = (snapshot: ProgressSnapshot) => void;

export class Progress {
  private readonly tasks = new Map<string, { done: number; total: number }>();
  /** Requests expected by work not begun yet, by what it belongs to (a repository). */
  private readonly reserved = new Map<string, number>();
  /** The share of the work done (0–1), only ever growing. */
  private share = 0;
  /** Sums over tasks and reservations, kept as they change (an organization has many tasks). */
  private done = 0;
  private total = 0;
  private readonly listeners = new Set<Listener>();
  private current: string | undefined;
  private waitingUntil: Date | undefined;
  /** When the current rate-limit wait began, and the time spent in earlier ones (ms). */
  private waitStartedAt: number | undefined;
  private waitedMs = 0;
  private readonly startedAt: number;

  constructor(private readonly now: () => number = Date.now) {
    this.startedAt = now();
  }

  task(name: string): ProgressTask {
    const state = this.tasks.get(name) ?? { done: 0, total: 0 };
    this.tasks.set(name, state);
    const setTotal = (total: number) => {
      this.total += total - state.total;
      state.total = total;
    };
    return {
      expect: (remaining) => {
        setTotal(Math.max(state.total, state.done + remaining));
        this.emit(name);
      },
      advance: (requests) => {
        this.takeShare(requests);
        state.done += requests;
        this.done += requests;
        setTotal(Math.max(state.total, state.done));
        this.endWait();
        this.emit(name);
      },
      finish: () => {
        setTotal(state.done);
        this.emit(name);
      },
    };
  }

  /**
   * `requests` still expected by work of `key` not begun yet (0 or less: none); counted in the
   * total, not shown as the current task.
   */
  reserve(key: string, requests: number): void {
    this.total -= this.reserved.get(key) ?? 0;
    if (requests > 0) {
      this.reserved.set(key, requests);
      this.total += requests;
    } else this.reserved.delete(key);
    this.emit(this.current);
  }

  /** A request done takes its part of the work still ahead (found or reserved) at that moment. */
  private takeShare(requests: number): void {
    const ahead = this.total - this.done;
    if (requests <= 0 || ahead <= 0) return;
    this.share = Math.min(1, this.share + (1 - this.share) * Math.min(1, requests / ahead));
  }

  /** Every credential rests until `until` (shown as "waiting for rate limit"). */
  waiting(until: Date): void {
    this.waitingUntil = until;
    this.waitStartedAt ??= this.now();
    this.emit(this.current);
  }

  private endWait(): void {
    if (this.waitStartedAt !== undefined) this.waitedMs += this.now() - this.waitStartedAt;
    this.waitStartedAt = undefined;
    this.waitingUntil = undefined;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): ProgressSnapshot {
    const { done, total } = this;
    // The pace is measured over working time only; a wait still ahead is added as it is.
    const now = this.now();
    const waiting = this.waitStartedAt === undefined ? 0 : now - this.waitStartedAt;
    const working = (now - this.startedAt - this.waitedMs - waiting) / 1_000;
    const ahead = this.waitingUntil ? Math.max(0, (this.waitingUntil.getTime() - now) / 1_000) : 0;
    const etaSeconds =
      done > 0 && total > done
        ? Math.round(ahead + (Math.max(0, working) / done) * (total - done))
        : total === done
          ? 0
          : null;
    return {
      done,
      total,
      percent: Math.floor(this.share * 100),
      etaSeconds,
      current: this.current,
      waitingUntil: this.waitingUntil,
    };
  }

  private emit(current: string | undefined): void {
    this.current = current;
    // All the work found is done (a task ended short of what it expected, a reservation was
    // released): the share is whole, not a float a hair short of it.
    if (this.total > 0 && this.done === this.total) this.share = 1;
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}
