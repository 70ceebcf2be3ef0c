/**
 * Verification as a job (issue 15, parts 3 and 4): `POST /api/sync/verify` queues a `verify`
 * record that a worker runs — here for the tracked repositories — and whose record keeps the
 * report; what it found (a comment deleted with no webhook) is repaired in the mirror.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { issueComments } from "../../src/store/schema.js";
import { loadJob } from "../../src/store/sync-jobs.js";
import { settled, startTestServer, trackInFull, type TestServer } from "../helpers/server-harness.js";

describe("the verify job", () => {
  let emulator: RunningEmulator;
  let server: TestServer;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 61, repos: 2, scale: "small" });
    server = await startTestServer({ GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "verify-job-token" });
    await trackInFull(server, ["acme/web"]);
  });
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
  });

  it("runs from the API on the tracked repositories, repairs what it finds and keeps the report", async () => {
    const [comment] = emulator.admin.comments("acme/web");
    if (!comment) throw new Error("a comment expected");
    emulator.admin.deleteComment("acme/web", comment.id);

    const answer = await server.api("/api/sync/verify", { method: "POST", body: "{}" });
    expect(answer.status).toBe(202);
    const { job_id: jobId } = (await answer.json()) as { job_id: number };
    await settled(server.database.db, "the verification");

    const job = await loadJob(server.database.db, jobId);
    expect(job).toMatchObject({ type: "verify", status: "completed" });
    expect(job?.requests).toBeGreaterThan(0);
    // None named: the tracked one; the report is kept on the record.
    expect((job?.params as Record<string, unknown>).report).toMatchObject({ repositories: 1, deleted: 1 });
    const [row] = await server.database.db
      .select({ deletedAt: issueComments.deletedAt })
      .from(issueComments)
      .where(and(eq(issueComments.id, comment.id)));
    expect(row?.deletedAt).not.toBeNull();
    const view = (await (await server.api(`/api/sync/jobs/${jobId}`)).json()) as Record<string, unknown>;
    expect(view).toMatchObject({ type: "verify", status: "completed" });
    // The drift it found is counted for monitoring.
    const metrics = await (await server.api("/metrics")).text();
    expect(metrics).toMatch(/^ghsync_verify_repaired_total\{kind="deleted"\} 1$/m);
  });

  it("refuses a malformed body", async () => {
    const answer = await server.api("/api/sync/verify", {
      method: "POST",
      body: JSON.stringify({ repositories: ["nope"] }),
    });
    expect(answer.status).toBe(400);
  });
});
