/**
 * "Re-read from GitHub" (issue 15, part 5; the dashboard's repository row): `POST
 * /api/sync/repos/:owner/:repo {"refetch": true}` queues a sync whose job forgets the repository's
 * read state when it starts — so it repairs a row that went wrong without its `updated_at` moving,
 * which a plain sync cannot see — and a re-read cancelled before it starts changes nothing.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { syncLockKey } from "../../src/jobs/locks.js";
import { etags, pullRequests, syncCheckpoints } from "../../src/store/schema.js";
import { loadJob } from "../../src/store/sync-jobs.js";
import { findRepositoryByName } from "../../src/store/tracking.js";
import { settled, startTestServer, trackInFull, type TestServer } from "../helpers/server-harness.js";

describe("re-reading a repository from GitHub through the API", () => {
  let emulator: RunningEmulator;
  let server: TestServer;
  let repositoryId: number;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 61, repos: 2, scale: "small" });
    server = await startTestServer({ GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "reread-token" });
    await trackInFull(server, ["acme/web"]);
    repositoryId = (await findRepositoryByName(server.database.db, "acme/web"))?.id ?? 0;
  });
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
  });

  const syncNow = (body: unknown) =>
    server.api("/api/sync/repos/acme/web", { method: "POST", body: JSON.stringify(body) });

  /** What a sync reads from: the repository's checkpoints and the stored ETags. */
  const readState = async () => ({
    checkpoints: await server.database.db
      .select()
      .from(syncCheckpoints)
      .where(eq(syncCheckpoints.repositoryId, repositoryId))
      .orderBy(asc(syncCheckpoints.entity)),
    etags: await server.database.db.select().from(etags).orderBy(asc(etags.url)),
  });

  it("changes nothing when a queued re-read is cancelled before it starts", async () => {
    const before = await readState();
    expect(before.etags.length).toBeGreaterThan(0);
    expect(before.checkpoints.every((checkpoint) => checkpoint.backfillComplete)).toBe(true);
    // A sync of the repository holds its lock elsewhere: the re-read stays queued.
    const lock = await server.database.tryLock(syncLockKey(repositoryId));
    if (!lock) throw new Error("the repository's sync lock expected free");
    try {
      const answer = await syncNow({ refetch: true });
      expect(answer.status).toBe(202);
      const { job_id: jobId } = (await answer.json()) as { job_id: number };
      const cancelled = await server.api(`/api/sync/jobs/${jobId}/cancel`, { method: "POST" });
      expect(await cancelled.json()).toMatchObject({ status: "cancelled" });
    } finally {
      await lock.release();
    }
    await settled(server.database.db, "the cancelled re-read");
    expect(await readState()).toEqual(before);
  });

  it("repairs a row no sync sees is wrong", async () => {
    const db = server.database.db;
    const [pull] = emulator.admin.pulls("acme/web");
    if (!pull) throw new Error("a pull request expected");
    const title = async () =>
      (
        await db.select({ title: pullRequests.title }).from(pullRequests).where(eq(pullRequests.id, pull.id))
      )[0]?.title;
    // Wrong in the mirror without its updated_at moving: every list answers 304 to a sync.
    await db.update(pullRequests).set({ title: "gone wrong" }).where(eq(pullRequests.id, pull.id));
    expect((await syncNow({})).status).toBe(202);
    await settled(db, "the sync");
    expect(await title()).toBe("gone wrong");

    const answer = await syncNow({ refetch: true });
    expect(answer.status).toBe(202);
    const { job_id: jobId } = (await answer.json()) as { job_id: number };
    await settled(db, "the re-read");
    expect(await title()).toBe(pull.title);
    // Forgotten once when it started: a run carried over goes on with the backfill.
    expect(await loadJob(db, jobId)).toMatchObject({
      type: "backfill",
      status: "completed",
      params: { refetch: false },
    });
  });

  it("refuses a refetch that is not a boolean, naming it", async () => {
    const answer = await syncNow({ refetch: "yes" });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({
      error: { code: "invalid_request", message: expect.stringMatching(/^refetch: /) },
    });
  });
});
