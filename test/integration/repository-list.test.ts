/**
 * The repositories list lists repositories: a name being tracked and not resolved yet appears by
 * that name, and jobs of other kinds without a repository (reconcile, snapshots, the redelivery
 * sweep) never appear as a nameless row. The job state is written directly, so the race that made
 * the demo show `''` for a few seconds is reproduced every run (issue 22).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { trackedOverview } from "../../src/store/repository-overview.js";
import { repositories, syncJobs } from "../../src/store/schema.js";
import { claimJob, insertJob } from "../../src/store/sync-jobs.js";
import { setTracked } from "../../src/store/tracking.js";
import { startTestServer, type TestServer } from "../helpers/server-harness.js";

describe("GET /api/repos while jobs without a repository are pending", () => {
  let server: TestServer;
  beforeAll(async () => {
    // No GitHub credential: sync jobs stay queued, so the state below cannot move on its own.
    server = await startTestServer({});
  });
  afterAll(async () => server?.close());

  it("shows each pending track by its name and no maintenance job", async () => {
    const db = server.database.db;
    await insertJob(db, { type: "reconcile", priority: 0, params: { trigger: "startup" } });
    await insertJob(db, { type: "redelivery_sweep", priority: 0 });
    const { job: snapshots } = await insertJob(db, { type: "metric_snapshots", priority: 0 });
    await db.update(syncJobs).set({ status: "running" }).where(eq(syncJobs.id, snapshots.id));
    await insertJob(db, { type: "backfill", target: "acme/zeta", priority: 1, params: { depth: "full" } });
    const tracked = await server.api("/api/repos", {
      method: "POST",
      body: JSON.stringify({ full_name: "acme/alpha" }),
    });
    expect(tracked.status).toBe(202);

    const list = (await (await server.api("/api/repos")).json()) as {
      items: { full_name: string; depth: string; state: string; id: number | null }[];
    };
    expect(list.items.map((item) => [item.full_name, item.depth, item.state, item.id])).toEqual([
      ["acme/alpha", "30d", "queued", null],
      ["acme/zeta", "full", "queued", null],
    ]);

    const jobs = (await (await server.api("/api/sync/jobs")).json()) as {
      items: { type: string; repository: string | null }[];
    };
    const scopes = Object.fromEntries(jobs.items.map((job) => [job.type, job.repository]));
    expect(scopes).toMatchObject({ reconcile: null, redelivery_sweep: null, metric_snapshots: null });
  });

  it("never loses a repository while its track job takes it (one snapshot for the whole list)", async () => {
    const db = server.database.db;
    const missing: string[] = [];
    for (let i = 0; i < 20; i++) {
      const name = `acme/race-${i}`;
      const id = 900_000 + i;
      await db.insert(repositories).values({ id, owner: "acme", name: `race-${i}`, fullName: name });
      const { job } = await insertJob(db, {
        type: "backfill",
        target: name,
        priority: 1,
        params: { track: true },
      });
      await db
        .update(syncJobs)
        .set({ queueJobId: `carrier-${i}` })
        .where(eq(syncJobs.id, job.id));
      let claimed = false;
      // What the sync job does when it starts: claim the record and track the repository, together.
      const claim = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 3));
        await db.transaction(async (tx) => {
          await claimJob(tx, job.id, `carrier-${i}`, "test", id);
          await setTracked(tx, id, true, "30d");
        });
        claimed = true;
      })();
      while (!claimed) {
        const names = (await trackedOverview(db)).map((item) => item.full_name);
        if (!names.includes(name)) missing.push(name);
      }
      await claim;
    }
    expect(missing).toEqual([]);
  });
});
