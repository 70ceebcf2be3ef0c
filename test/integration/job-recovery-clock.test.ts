/**
 * The recovery sweep's grace periods on an injected clock: a record that lost its queue entry (a
 * crash between recording and sending) is left alone for 30 s, since its sender may still be at
 * work, and re-sent after, without the test waiting those 30 s. And a running job that finishes
 * while the sweep looks at it is left alone.
 */
import { afterAll, describe, expect, it } from "vitest";
import { JobQueue, queueOf } from "../../src/jobs/queue.js";
import { recoverJobs } from "../../src/jobs/recover.js";
import { pino } from "pino";
import { attachQueueJob, claimJob, finishJob, insertJob, loadJob } from "../../src/store/sync-jobs.js";
import { freshDatabase } from "../helpers/databases.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { silentLog } from "../helpers/sync-harness.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe("the recovery sweep on an injected clock", () => {
  it("re-sends a queued record without a queue entry only once it is older than 30 s", async () => {
    const database = await freshDatabase();
    cleanups.push(() => database.close());
    const queue = await JobQueue.open(database, silentLog, { schedule: false });
    cleanups.push(() => queue.stop());
    const { job } = await insertJob(database.db, { type: "backfill", target: "acme/lost", priority: 10 });
    const sweep = (clock: FakeClock) => recoverJobs({ database, queue, log: silentLog, clock });

    expect(await sweep(new FakeClock(Date.now() + 25_000))).toBe(0);
    expect((await loadJob(database.db, job.id))?.queueJobId).toBeNull();

    expect(await sweep(new FakeClock(Date.now() + 31_000))).toBe(1);
    const resent = await loadJob(database.db, job.id);
    expect(resent?.queueJobId).toEqual(expect.any(String));
    expect(await queue.isPending(queueOf(job.type), resent?.queueJobId as string)).toBe(true);
  });

  it("leaves alone a running job that finishes between the sweep's list and its lock", async () => {
    const database = await freshDatabase();
    cleanups.push(() => database.close());
    const queue = await JobQueue.open(database, silentLog, { schedule: false });
    cleanups.push(() => queue.stop());
    const { job } = await insertJob(database.db, { type: "reconcile", priority: 0 });
    await attachQueueJob(database.db, job.id, "queue-job");
    const running = await claimJob(database.db, job.id, "queue-job", "vm:1", undefined);
    if (!running) throw new Error("the job should be claimed");
    const warnings: string[] = [];
    const log = pino({ level: "warn" }, { write: (line: string) => warnings.push(line) });
    // The job ends (its lock free again) just as the sweep takes its lock.
    const racing = {
      ...database,
      tryLock: async (key: string) => {
        await finishJob(database.db, running, { status: "completed" });
        return database.tryLock(key);
      },
    };
    const recovered = await recoverJobs({ database: racing, queue, log });
    expect(recovered).toBe(0);
    expect(warnings).toEqual([]);
    expect(await loadJob(database.db, job.id)).toMatchObject({ status: "completed", reason: null });
  });
});
