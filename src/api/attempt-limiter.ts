/**
 * Failed token checks per client address (issue 20, finding 6: 300 wrong tokens in 0.3 s met no
 * limit). After `max` failures within a window, that address's token checks are refused until the
 * window ends — a valid token's too, or a guesser could keep trying between them. The address is
 * the client's only where GHSYNC_TRUST_PROXY says which proxy to believe; behind an untrusted
 * proxy every client shares one. In memory, per process: a bound on guessing, not an accounting.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max = 20,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `client` may try again; 0 when it may now. */
  waitFor(client: string): number {
    const entry = this.failures.get(client);
    if (!entry) return 0;
    const left = entry.resetAt - this.now();
    if (left <= 0) {
      this.failures.delete(client);
      return 0;
    }
    return entry.count >= this.max ? left : 0;
  }

  failed(client: string): void {
    const now = this.now();
    const entry = this.failures.get(client);
    if (entry && entry.resetAt > now) entry.count++;
    else this.failures.set(client, { count: 1, resetAt: now + this.windowMs });
    if (this.failures.size > 10_000) this.forgetExpired(now);
  }

  private forgetExpired(now: number): void {
    for (const [client, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(client);
  }
}
