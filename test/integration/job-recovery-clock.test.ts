/**
 * The recovery sweep's grace periods on an injected clock: a record that lost its queue entry (a
 * crash between recording and sending) is left alone for 30 s, since its sender may still be at
 * work, and re-sent after, without the test waiting those 30 s.
 */
import { afterAll, describe, expect, it } from "vitest";
import { JobQueue, queueOf } from "../../src/jobs/queue.js";
import { recoverJobs } from "../../src/jobs/recover.js";
import { insertJob, loadJob } from "../../src/store/sync-jobs.js";
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
});
