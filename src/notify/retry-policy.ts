/**
 * When a failed delivery (email or outgoing target) is tried again, and when a target is given
 * up on. Attempt n fails → the next waits `baseDelayMs × 4^(n−1)`: by default 30 s, 2 min, 8 min,
 * 32 min, 2 h 8 min, then no more (6 attempts over about 2 h 50 min). Tests pass a fast policy.
 */
export interface RetryPolicy {
  baseDelayMs: number;
  maxAttempts: number;
  /** Failed attempts in a row (across notifications) after which a target is disabled. */
  disableAfter: number;
  /** How long a worker holds a claimed notification or an attempt in flight before others may take it over. */
  leaseMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 30_000,
  maxAttempts: 6,
  disableAfter: 10,
  leaseMs: 120_000,
};

/** When attempt `attempt + 1` is due after attempt `attempt` failed at `now`; null when attempts are used up. */
export function nextAttemptAt(policy: RetryPolicy, attempt: number, now: Date): Date | null {
  if (attempt >= policy.maxAttempts) return null;
  return new Date(now.getTime() + policy.baseDelayMs * 4 ** (attempt - 1));
}

export const leaseEnd = (policy: RetryPolicy, now: Date) => new Date(now.getTime() + policy.leaseMs);
