/**
 * Waiting for the system to get somewhere: a polled condition, and "every job done and every
 * delivery applied". Free of vitest, so the benchmarks use them too.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../src/store/database.js";
import { queryRows } from "../../src/store/raw-query.js";
import { jobsWithStatus } from "../../src/store/sync-jobs.js";
import { isConnectionError } from "../../src/store/connection-errors.js";

async function reachable(db: Db): Promise<boolean> {
  try {
    await queryRows(db, sql`select 1`);
    return true;
  } catch (error) {
    if (isConnectionError(error)) return false;
    throw error;
  }
}

/**
 * Between two checks: short, so a wait ends soon after its condition holds (a test settles many
 * times; 200 ms here cost each of them 100 ms on average), yet cheap (a check is a query or two).
 */
const POLL_MS = 50;

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * How long "nothing to do" must hold before it counts: a delivery is marked applied before the
 * sync it asks for is queued (jobs/process-delivery.ts), and a check in that gap — a few
 * milliseconds, which 50 ms polling finds now and then — saw a system still at work as settled.
 */
const QUIET_MS = 300;

/**
 * Waits until no job is pending or running and every webhook delivery is applied, and stays so
 * for QUIET_MS. A database still starting up (after a restart the test made) is asked again, not
 * an error.
 */
export async function settled(db: Db, what: string, timeoutMs = 120_000): Promise<void> {
  let quietSince: number | null = null;
  await eventually(
    async () => {
      const idle = (await reachable(db)) && (await nothingPending(db));
      if (!idle) {
        quietSince = null;
        return undefined;
      }
      quietSince ??= Date.now();
      return Date.now() - quietSince >= QUIET_MS ? true : undefined;
    },
    timeoutMs,
    what,
  );
}

async function nothingPending(db: Db): Promise<boolean> {
  const [job] = await jobsWithStatus(db, ["queued", "waiting", "running"]);
  const [pending] = await queryRows<{ n: string | number }>(
    db,
    sql`select count(*) as n from webhook_deliveries where status in ('received', 'failed')`,
  );
  return !job && Number(pending?.n) === 0;
}
