/**
 * Same-second deliveries in any order (issue 15, part 2; FAULTS.md #22): a pull request opened,
 * edited, reviewed, closed, reopened and merged within one second carries one `updated_at` in all
 * its payloads. Delivered (or redelivered) newest first, the later-applied older payloads used to
 * put the merged pull request back to open for good — every list then answered 304. Now a payload
 * that cannot be ordered against the stored row is not written, and the pull request is read
 * again from GitHub: whatever the order, the mirror ends as GitHub has it. Reviews, which carry no
 * `updated_at`, likewise: a dismissal is final, another body in the same state is read again.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { pullRequestReviews, pullRequests } from "../../src/store/schema.js";
import { sign } from "../../src/util/signature.js";
import { startReceiver, type Receiver } from "../emulator/webhook-receiver.js";
import { githubFigures, recordFault } from "../helpers/fault-figures.js";
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

  /** GitHub's deliveries of `change` (made within one second), in the order it sent them. */
  async function burst<T>(change: () => T): Promise<{ made: T; bodies: Delivery[] }> {
    wall += 60_000;
    const seen = receiver.requests.length;
    const made = change();
    await emulator.admin.flushWebhooks();
    const bodies = receiver.requests
      .slice(seen)
      .filter((request) => request.headers["x-github-event"] !== "push")
      .map((request) => ({ event: String(request.headers["x-github-event"]), body: request.body }));
    return { made, bodies };
  }

  /** Sends the deliveries as GitHub would (one after the other, none awaited by the next). */
  async function deliver(bodies: Delivery[]): Promise<void> {
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
    }
    await settled(server.database.db, "the deliveries and what they asked for");
  }

  async function mirroredPull(id: number) {
    const [row] = await server.database.db.select().from(pullRequests).where(eq(pullRequests.id, id));
    return row;
  }

  /** A pull request opened, edited, reviewed, closed, reopened and merged within one second. */
  function lifeInOneSecond() {
    const admin = emulator.admin;
    const pull = admin.openPull("acme/web", { title: `Burst ${wall}`, author: "alice-chen" });
    admin.editPull("acme/web", pull.number, { title: `Burst ${wall}, renamed` });
    const review = admin.addReview("acme/web", pull.number, { state: "APPROVED", author: "bkowalski" });
    admin.closePull("acme/web", pull.number, { by: "carol-ops" });
    admin.reopenPull("acme/web", pull.number);
    admin.mergePull("acme/web", pull.number, { by: "carol-ops" });
    return { pull, review };
  }

  it(
    `end as GitHub has them, whatever the order: ${ORDERS.length} of the 720 orders of a six-event second`,
    async ({ task }) => {
      const wrong: string[] = [];
      for (const order of ORDERS) {
        const { made, bodies } = await burst(lifeInOneSecond);
        expect(bodies.map((b) => `${b.event}`)).toEqual([
          "pull_request",
          "pull_request",
          "pull_request_review",
          "pull_request",
          "pull_request",
          "pull_request",
        ]);
        await deliver(order.map((index) => bodies[index] as Delivery));
        const truth = emulator.admin.pulls("acme/web").find((pull) => pull.id === made.pull.id);
        const row = await mirroredPull(made.pull.id);
        const [review] = await server.database.db
          .select()
          .from(pullRequestReviews)
          .where(eq(pullRequestReviews.id, made.review.id));
        const mirrored = {
          state: row?.state,
          merged: row?.merged,
          title: row?.title,
          mergedAt: row?.mergedAt?.toISOString(),
          closedAt: row?.closedAt?.toISOString(),
          review: review?.state,
        };
        const expected = {
          state: "closed",
          merged: true,
          title: truth?.title,
          mergedAt: truth?.merged_at?.replace("Z", ".000Z"),
          closedAt: truth?.closed_at?.replace("Z", ".000Z"),
          review: "APPROVED",
        };
        if (JSON.stringify(mirrored) !== JSON.stringify(expected))
          wrong.push(`order ${order.join("")}: ${JSON.stringify(mirrored)}`);
      }
      recordFault(task, githubFigures([22], ORDERS.length * 6, wrong.length));
      expect(wrong).toEqual([]);
    },
    Math.max(600_000, ORDERS.length * 5_000),
  ); // about 1.5 s an order; the full set runs an hour at most

  it.for(["submitted first", "dismissed first"])(
    "keep a review dismissed in the second it was submitted, delivered %s",
    async (order) => {
      const { made, bodies } = await burst(() => {
        const pull = emulator.admin.openPull("acme/web", {
          title: `Dismissed ${wall}`,
          author: "alice-chen",
        });
        const review = emulator.admin.addReview("acme/web", pull.number, {
          state: "CHANGES_REQUESTED",
          author: "bkowalski",
        });
        emulator.admin.dismissReview("acme/web", pull.number, review.id);
        return review;
      });
      const reviews = bodies.filter((b) => b.event === "pull_request_review");
      expect(reviews).toHaveLength(2);
      await deliver(order === "dismissed first" ? [...bodies].reverse() : bodies);
      const [row] = await server.database.db
        .select()
        .from(pullRequestReviews)
        .where(eq(pullRequestReviews.id, made.id));
      expect(row?.state).toBe("DISMISSED");
    },
  );

  it("reads a review again when a delivery says another body in the same state", async () => {
    const { made, bodies } = await burst(() => {
      const pull = emulator.admin.openPull("acme/web", { title: `Edited ${wall}`, author: "alice-chen" });
      return emulator.admin.addReview("acme/web", pull.number, { state: "COMMENTED", author: "bkowalski" });
    });
    await deliver(bodies);
    // The review as it was before an edit in the same second, delivered late: nothing orders the two.
    const submitted = bodies.find((b) => b.event === "pull_request_review");
    const payload = JSON.parse(String(submitted?.body)) as { review: { body: string | null } };
    payload.review.body = "an earlier draft";
    await deliver([{ event: "pull_request_review", body: Buffer.from(JSON.stringify(payload)) }]);
    const [row] = await server.database.db
      .select()
      .from(pullRequestReviews)
      .where(eq(pullRequestReviews.id, made.id));
    const truth = emulator.admin.reviews("acme/web").find((review) => review.id === made.id);
    expect(row?.body).toBe(truth?.body ?? null);
  });
});

interface Delivery {
  event: string;
  body: Buffer;
}

/** Every order of six deliveries (720), lexicographic. */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((rest) =>
    Array.from({ length: n }, (_, at) => [...rest.slice(0, at), n - 1, ...rest.slice(at)]),
  );
}

// Every 48th order and the reverse one by default (16); all 720 with the full-tests flag.
const ALL = permutations(6);
const ORDERS =
  process.env.GHSYNC_FULL_TESTS === "1" ? ALL : [...ALL.filter((_, i) => i % 48 === 0), [5, 4, 3, 2, 1, 0]];
