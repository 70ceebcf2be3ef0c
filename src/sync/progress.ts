/**
 * Progress of a sync in requests: each (repository, entity) task says how many requests it still
 * expects (from `Link: rel="last"`), and the run adds them up to X of Y, percent and ETA.
 * Listeners get snapshots (the CLI's bar on stderr now; the API's live stream later).
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
    return {
      expect: (remaining) => {
        state.total = Math.max(state.total, state.done + remaining);
        this.emit(name);
      },
      advance: (requests) => {
        state.done += requests;
        state.total = Math.max(state.total, state.done);
        this.endWait();
        this.emit(name);
      },
      finish: () => {
        state.total = state.done;
        this.emit(name);
      },
    };
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
    let done = 0;
    let total = 0;
    for (const state of this.tasks.values()) {
      done += state.done;
      total += state.total;
    }
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
      percent: total === 0 ? 0 : Math.floor((done / total) * 100),
      etaSeconds,
      current: this.current,
      waitingUntil: this.waitingUntil,
    };
  }

  private emit(current: string | undefined): void {
    this.current = current;
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}
