/**
 * A sync asked of a repository that already has one pending joins it (one job per repository),
 * taking on what the new request adds: a deeper backfill, items to read again, a re-read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/database.js";
import { insertJob } from "../../src/store/sync-jobs.js";
import { freshDatabase } from "../helpers/databases.js";

describe("joining a pending sync", () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it("takes a re-read on, whether the pending sync is a backfill or an incremental", async () => {
    const db = database.db;
    for (const [target, pendingType] of [
      ["acme/web", "backfill"],
      ["acme/api", "incremental"],
    ] as const) {
      const { job: pending } = await insertJob(db, { type: pendingType, target, priority: 1 });
      const { job, joined } = await insertJob(db, {
        type: "backfill",
        target,
        params: { refetch: true },
        priority: 2,
      });
      expect(joined).toBe(true);
      expect(job).toMatchObject({ id: pending.id, type: "backfill", params: { refetch: true } });
      // A plain sync asked after it changes nothing of it.
      const again = await insertJob(db, { type: "incremental", target, priority: 1 });
      expect(again.job).toMatchObject({ id: pending.id, params: { refetch: true } });
    }
  });
});
