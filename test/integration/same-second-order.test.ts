/**
 * Same-second deliveries in any order (issue 15, part 2; FAULTS.md #22): a pull request opened,
 * reviewed and merged within one second carries one `updated_at` in all three payloads. Delivered
 * (or redelivered) newest first, the later-applied older payloads used to put the merged pull
 * request back to open for good — every list then answered 304. Now a payload that cannot be
 * ordered against the stored row is not written, and the pull request is read again from GitHub:
 * whatever the order, the mirror ends as GitHub has it.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { pullRequests } from "../../src/store/schema.js";
import { sign } from "../../src/util/signature.js";
import { startReceiver, type Receiver } from "../emulator/webhook-receiver.js";
import { settled, startTestServer, trackInFull, type TestServer } from "../helpers/server-harness.js";

const SECRET = "same-second-secret";
let wall = Date.parse("2026-06-01T12:00:00.000Z");

describe("same-second deliveries", () => {
  let receiver: Receiver;
  let emulator: RunningEmulator;
  let server: TestServer;
  beforeAll(async () => {
    receiver = await startReceiver(SECRET);
    emulator = await startEmulator({
      port: 0,
      seed: 51,
      repos: 1,
      scale: "small",
      clock: () => wall,
      webhook: { url: receiver.url, secret: SECRET },
    });
    server = await startTestServer({
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: "same-second-token",
      GITHUB_WEBHOOK_SECRET: SECRET,
    });
    await trackInFull(server, ["acme/web"]);
  });
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
    await receiver?.close();
  });

  /** Opens, reviews and merges a pull request within one second; returns its deliveries in order. */
  async function burst(): Promise<{ number: number; id: number; bodies: { event: string; body: Buffer }[] }> {
    wall += 60_000;
    const seen = receiver.requests.length;
    const pull = emulator.admin.openPull("acme/web", { title: `Burst ${wall}`, author: "alice-chen" });
    emulator.admin.addReview("acme/web", pull.number, { state: "APPROVED", author: "bkowalski" });
    emulator.admin.mergePull("acme/web", pull.number, { by: "carol-ops" });
    await emulator.admin.flushWebhooks();
    const bodies = receiver.requests
      .slice(seen)
      .filter((request) => request.headers["x-github-event"] !== "push")
      .map((request) => ({ event: String(request.headers["x-github-event"]), body: request.body }));
    return { number: pull.number, id: pull.id, bodies };
  }

  async function deliver(bodies: { event: string; body: Buffer }[]): Promise<void> {
    for (const { event, body } of bodies) {
      const answer = await fetch(`${server.url}/webhooks/github`, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          "x-github-event": event,
          "x-github-delivery": randomUUID(),
          "x-hub-signature-256": sign(SECRET, body),
        },
      });
      expect(answer.status).toBe(202);
      await settled(server.database.db, "the delivery and what it asked for");
    }
  }

  it.for(["newest first", "oldest first"])(
    "end with the pull request merged, delivered %s",
    async (order) => {
      const { id, bodies } = await burst();
      expect(bodies.map((b) => b.event)).toEqual(["pull_request", "pull_request_review", "pull_request"]);
      await deliver(order === "newest first" ? [...bodies].reverse() : bodies);
      const [row] = await server.database.db.select().from(pullRequests).where(eq(pullRequests.id, id));
      const truth = emulator.admin.pulls("acme/web").find((pull) => pull.id === id);
      expect(row).toMatchObject({ state: "closed", merged: true, mergedAt: new Date(truth?.merged_at ?? 0) });
    },
  );
});
