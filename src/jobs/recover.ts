/**
 * The recovery sweep, run by every process every few seconds: nothing queued is ever lost.
 * - A running record whose lock is free lost its worker (kill -9, a lost machine, a dropped
 *   database connection): it goes back to the queue and resumes from its checkpoints.
 * - A pending record whose queue job is gone (a crash between recording and sending), or was
 *   taken by a handler that never claimed it, is sent again.
 * - A webhook delivery received but not applied (the receiving process died after its answer), or
 *   failed and due for another attempt, is sent to the queue.
 */
import { jobsWithStatus } from "../store/sync-jobs.js";
import { claimDeliveriesDue } from "../store/webhook-deliveries.js";
import { systemClock } from "../util/clock.js";
import { carry, carryOver } from "./enqueue.js";
import { jobLockKey } from "./locks.js";
import { QUEUES, queueOf } from "./queue.js";
import type { WorkerEnv } from "./sync-job.js";

/** A pending record younger than this may still be between its insert and its send. */
const SEND_GRACE_MS = 30_000;
/**
 * A queue job taken by a worker this long ago whose record is still pending was lost with its
 * handler: a live handler claims the record (or hands it back under a new queue job) within
 * seconds. The usual way: the database went away under the handler, which could then neither
 * settle the record nor tell the queue it was done, leaving the queue job active for the 23 hours
 * before it expires (FAULTS.md #24, test/integration/database-restarts.test.ts). Re-sent, the
 * record gets a new queue job id; should the old handler still be alive after all, its claim finds
 * that id changed and it stops.
 */
const UNCLAIMED_ACTIVE_MS = 120_000;

type SweepEnv = Pick<WorkerEnv, "database" | "queue" | "log" | "clock">;

export async function recoverJobs(env: SweepEnv): Promise<number> {
  const db = env.database.db;
  const clock = env.clock ?? systemClock;
  const access = { db, queue: env.queue };
  let recovered = 0;
  for (const job of await jobsWithStatus(db, ["running"])) {
    const lock = await env.database.tryLock(jobLockKey(job));
    if (!lock) continue; // its worker is alive and at work
    try {
      const reason = `the worker running it (${job.worker ?? "unknown"}) stopped; resumed from its checkpoints`;
      // A job that finished between the list above and its lock is not running any more.
      if (!(await carryOver(access, job, { status: "queued", reason }))) continue;
      env.log.warn({ job: job.id, worker: job.worker }, "resumed a job whose worker stopped");
      recovered++;
    } finally {
      await lock.release();
    }
  }
  const pending = await jobsWithStatus(db, ["queued", "waiting"], new Date(clock.now() - SEND_GRACE_MS));
  const activeFor = { limit: UNCLAIMED_ACTIVE_MS, now: clock.now() };
  for (const job of pending) {
    if (job.queueJobId !== null && (await env.queue.isPending(queueOf(job.type), job.queueJobId, activeFor)))
      continue;
    const resumeAt = job.resumeAt && job.resumeAt.getTime() > clock.now() ? job.resumeAt : undefined;
    await carry(access, job, job.priority, resumeAt);
    env.log.warn({ job: job.id }, "re-sent a queued job that had lost its queue entry");
    recovered++;
  }
  return recovered;
}

/** A received delivery younger than this is still being applied by the process that received it. */
const RECEIVE_GRACE_MS = 30_000;
/** A delivery the sweep queued is queued again only if it is still not applied this much later. */
const RESEND_AFTER_MS = 120_000;

export async function recoverDeliveries(env: SweepEnv): Promise<number> {
  const now = (env.clock ?? systemClock).now();
  const due = await claimDeliveriesDue(
    env.database.db,
    new Date(now - RECEIVE_GRACE_MS),
    new Date(now + RESEND_AFTER_MS),
  );
  for (const id of due) await env.queue.send(QUEUES.webhook, { deliveryId: id });
  if (due.length > 0) env.log.info({ deliveries: due.length }, "queued webhook deliveries to apply");
  return due.length;
}
