/**
 * Opening the dashboard brings what is stale up to date (seed 001: "refresh their dashboard";
 * issue 19): an incremental sync of each tracked repository not known current for
 * `GHSYNC_STALE_AFTER_S` — debounced (a minute between two passes, however many tabs open), never
 * while the rate-limit ledger says the credentials are below the share kept for polling
 * (`GHSYNC_POLL_BUDGET`), and at most one job per repository (a pending sync is joined, not doubled).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../store/database.js";
import { queryRows } from "../store/raw-query.js";
import { trackedPollStates, type PollState } from "../store/poll-state.js";
import { enqueueSync } from "../jobs/enqueue.js";
import type { JobQueue } from "../jobs/queue.js";

/** Two passes at least this far apart. */
export const STALE_SYNC_DEBOUNCE_MS = 60_000;

export interface StaleSyncResult {
  /** Tracked repositories stale when asked. */
  stale: number;
  /** Syncs queued now. */
  queued: number;
  /** Why nothing was queued: another pass ran within the minute, or the rate budget is low. */
  skipped: "debounced" | "rate_budget" | null;
}

/** Repositories to sync (pure): stale, not being synced already, their backfill done (the scheduler owns those). */
export function staleRepositories(
  states: readonly PollState[],
  now: number,
  staleAfterMs: number,
): PollState[] {
  return states.filter(
    (state) =>
      !state.pending &&
      !state.needsBackfill &&
      (state.currentAt === null || now - state.currentAt.getTime() >= staleAfterMs),
  );
}

export interface LedgerReading {
  limit: number;
  remaining: number;
  resetAt: Date;
}

/**
 * Whether the core points left across the credentials are below `share` of their limits (a reading
 * past its reset counts as full again). No reading yet: not low (nothing was spent).
 */
export function budgetLow(readings: readonly LedgerReading[], share: number, now: number): boolean {
  let limit = 0;
  let remaining = 0;
  for (const reading of readings) {
    limit += reading.limit;
    remaining += reading.resetAt.getTime() <= now ? reading.limit : reading.remaining;
  }
  return limit > 0 && remaining < share * limit;
}

async function coreReadings(db: Db): Promise<LedgerReading[]> {
  const rows = await queryRows<{ limit: number; remaining: number; reset_at: string | Date }>(
    db,
    sql`select l."limit", l.remaining, l.reset_at from rate_limits l
         join credentials c on c.id = l.credential_id
        where l.resource = 'core' and c.status = 'valid'`,
  );
  return rows.map((row) => ({ limit: row.limit, remaining: row.remaining, resetAt: new Date(row.reset_at) }));
}

export interface StaleSyncEnv {
  db: Db;
  queue: JobQueue;
  now: () => number;
  staleAfterS: number;
  pollBudgetShare: number;
}

/** A dashboard's request for fresh data; `lastPass` is this process's debounce memory. */
export async function syncStale(
  env: StaleSyncEnv,
  lastPass: { at: number | null },
): Promise<StaleSyncResult> {
  const now = env.now();
  const states = await trackedPollStates(env.db);
  const stale = staleRepositories(states, now, env.staleAfterS * 1_000);
  if (lastPass.at !== null && now - lastPass.at < STALE_SYNC_DEBOUNCE_MS)
    return { stale: stale.length, queued: 0, skipped: "debounced" };
  if (stale.length === 0) return { stale: 0, queued: 0, skipped: null };
  if (budgetLow(await coreReadings(env.db), env.pollBudgetShare, now))
    return { stale: stale.length, queued: 0, skipped: "rate_budget" };
  lastPass.at = now;
  let queued = 0;
  for (const state of stale) {
    const { joined } = await enqueueSync(
      { db: env.db, queue: env.queue },
      // Counted as polling: its points come out of the same hourly budget (poll-state.ts).
      { type: "incremental", repositoryId: state.id, params: { scheduled: true } },
    );
    if (!joined) queued++;
  }
  return { stale: stale.length, queued, skipped: null };
}
