/**
 * The mirror heals itself (issue 15, part 6), with webhooks (`serve`): rounds of the random mix of
 * heal-scenarios.test.ts (heal-upheaval.ts) plus a same-second burst, their deliveries dropped,
 * duplicated, shuffled and old ones redelivered, then reconciliation and the verify job; after
 * each round the mirror's counts equal an independent walk of the emulator (5 rounds; 50 with
 * GHSYNC_FULL_TESTS=1).
 */
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { rngFor } from "../../src/emulator/prng.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { countsDiffering, githubFigures, recordFault } from "../helpers/fault-figures.js";
import { upheaval } from "../helpers/heal-upheaval.js";
import { walkOrganization } from "../helpers/walk-github.js";
import { enqueueReconcile } from "../../src/jobs/enqueue.js";
import { settled, startTestServer, trackInFull, type TestServer } from "../helpers/server-harness.js";
import { startWebhookRelay, type WebhookRelay } from "../helpers/webhook-relay.js";

const ROUNDS = process.env.GHSYNC_FULL_TESTS === "1" ? 50 : 5;
const SECRET = "heal-webhook-secret";

/** A pull request opened, edited, reviewed, closed, reopened and merged, then a review dismissed: one second. */
function sameSecondBurst(emulator: RunningEmulator, repo: string): number {
  const admin = emulator.admin;
  const pull = admin.openPull(repo, { title: "In one second", author: "alice-chen" });
  admin.editPull(repo, pull.number, { title: "In one second, renamed" });
  const review = admin.addReview(repo, pull.number, { state: "CHANGES_REQUESTED", author: "bkowalski" });
  admin.dismissReview(repo, pull.number, review.id);
  admin.closePull(repo, pull.number);
  admin.reopenPull(repo, pull.number);
  admin.mergePull(repo, pull.number, { method: "squash" });
  return 7;
}

describe("a mirror that heals itself, with webhooks", () => {
  let emulator: RunningEmulator | undefined;
  let server: TestServer | undefined;
  let relay: WebhookRelay | undefined;
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
    await relay?.close();
  });

  it(`ends equal to GitHub after ${ROUNDS} rounds of changes whose deliveries are dropped, duplicated, shuffled and replayed`, async ({
    task,
  }) => {
    let wall = Date.parse("2026-06-01T12:00:00Z");
    relay = await startWebhookRelay();
    emulator = await startEmulator({
      port: 0,
      seed: "heal-webhooks",
      repos: 2,
      scale: "small",
      clock: () => wall,
      webhook: { url: relay.url, secret: SECRET },
    });
    server = await startTestServer({
      GITHUB_API_URL: emulator.url,
      GITHUB_TOKEN: "heal-webhook-token",
      GITHUB_WEBHOOK_SECRET: SECRET,
    });
    const db = server.database.db;
    await trackInFull(
      server,
      emulator.admin.repositories().map((repo) => repo.full_name),
    );
    relay.take();
    const target = `${server.url}/webhooks/github`;
    type Deliveries = ReturnType<WebhookRelay["take"]>;
    const delivered: Deliveries = [];
    let injected = 0;
    let differing = 0;
    const failures: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const rng = rngFor("heal-webhooks", round);
      // Each round's changes in one second of GitHub's clock: every payload of a row carries one updated_at.
      wall += 60_000;
      injected += upheaval(emulator, round);
      injected += sameSecondBurst(emulator, emulator.admin.repositories()[0]?.full_name ?? "acme/web");
      await emulator.admin.flushWebhooks();
      const fresh: Deliveries = relay.take();
      const sent: Deliveries = [];
      for (const delivery of fresh) {
        if (rng.chance(0.1)) {
          injected++; // dropped: GitHub gave up on it
          continue;
        }
        sent.push(delivery);
        if (rng.chance(0.2)) {
          sent.push(delivery); // delivered twice
          injected++;
        }
      }
      // Old deliveries redelivered (the Webhooks page's Redeliver button), under new ids.
      const replayed = delivered.length > 0 ? Array.from({ length: 5 }, () => rng.pick(delivered)) : [];
      injected += replayed.length;
      await relay.forward(target, rng.shuffle(sent));
      await relay.forward(target, replayed, { freshIds: true });
      delivered.push(...fresh);
      await settled(db, "the deliveries");
      await enqueueReconcile({ db, queue: server.runner.queue }, "api");
      await settled(db, "the reconciliation");
      const verify = await server.api("/api/sync/verify", { method: "POST", body: "{}" });
      expect(verify.status).toBe(202);
      await settled(db, "the verification");
      const truth = (await walkOrganization(emulator.url, "acme")).counts;
      const mirrored = await mirrorCounts(db, { org: "acme" });
      const off = countsDiffering(mirrored, truth);
      differing += off;
      if (off > 0)
        failures.push(`round ${round}: mirror ${JSON.stringify(mirrored)} ≠ ${JSON.stringify(truth)}`);
    }
    recordFault(task, githubFigures([2, 5, 6, 21, 22, 23], injected, differing));
    expect(failures).toEqual([]);
  }, 600_000);
});
