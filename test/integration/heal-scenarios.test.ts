/**
 * The mirror heals itself (issue 15, part 6). Without webhooks: for each seed, a backfill meets
 * deletions as it walks, then the mirrored organization meets a random mix of what no webhook
 * announces here — issues and comments deleted, an issue transferred between repositories, a
 * repository renamed, a force-push, merges with each method, new commits and comments — then one
 * incremental sync and one verification, and the mirror's counts equal an independent walk of the
 * emulator (20 seeds; GHSYNC_FULL_TESTS=1 runs 200). With webhooks (`serve`): rounds of the same
 * mix plus a same-second burst, their deliveries dropped, duplicated, shuffled and old ones
 * redelivered, then reconciliation and the verify job (5 rounds; 50 with the flag).
 */
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { rngFor } from "../../src/emulator/prng.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { Progress } from "../../src/sync/progress.js";
import { runVerify } from "../../src/sync/run-verify.js";
import { freshDatabase } from "../helpers/databases.js";
import { deletingFetch } from "../helpers/deleting-fetch.js";
import { countsDiffering, githubFigures, recordFault } from "../helpers/fault-figures.js";
import { silentLog, syncOrg, testClient } from "../helpers/sync-harness.js";
import { walkOrganization } from "../helpers/walk-github.js";
import { enqueueReconcile } from "../../src/jobs/enqueue.js";
import { settled, startTestServer, trackInFull, type TestServer } from "../helpers/server-harness.js";
import { startWebhookRelay, type WebhookRelay } from "../helpers/webhook-relay.js";

const SEEDS = process.env.GHSYNC_FULL_TESTS === "1" ? 200 : 20;
const ROUNDS = process.env.GHSYNC_FULL_TESTS === "1" ? 50 : 5;
const SECRET = "heal-webhook-secret";

/** A random mix of changes on GitHub's side; returns how many were made. */
function upheaval(emulator: RunningEmulator, seed: number): number {
  const rng = rngFor("heal", seed);
  const admin = emulator.admin;
  const [first, second] = admin.repositories().map((repo) => repo.full_name);
  if (!first || !second) throw new Error("two repositories expected");
  let made = 0;
  const attempt = (change: () => void) => {
    try {
      change();
      made++;
    } catch {
      // A change the emulator refuses for this state (nothing to merge, a draft…) is skipped.
    }
  };
  for (let i = rng.int(1, 3); i > 0; i--) {
    const issue = rng.pick(admin.issues(first));
    attempt(() => admin.deleteIssue(first, issue.number));
  }
  for (let i = rng.int(1, 3); i > 0; i--) {
    const comment = rng.pick(admin.comments(second));
    attempt(() => admin.deleteComment(second, comment.id));
  }
  const moving = rng.pick(admin.issues(second));
  attempt(() => admin.transferIssue(second, moving.number, first));
  attempt(() =>
    admin.addComment(first, rng.pick(admin.issues(first)).number, { body: "after the upheaval" }),
  );
  const open = admin.pulls(first).filter((pull) => pull.state === "open" && !pull.draft);
  if (open.length > 0)
    attempt(() =>
      admin.mergePull(first, rng.pick(open).number, { method: rng.pick(["merge", "squash", "rebase"]) }),
    );
  attempt(() => admin.forcePush(second, { drop: rng.int(1, 2), add: rng.int(0, 2) }));
  attempt(() => admin.addCommits(first, { count: rng.int(1, 3) }));
  if (rng.chance(0.5))
    attempt(() => admin.renameRepository(second, `${second.split("/")[1] ?? "x"}-renamed`));
  return made;
}

describe("a mirror that heals itself", () => {
  it(`ends equal to GitHub after sync and verify, on ${SEEDS} seeds`, async ({ task }) => {
    let injected = 0;
    let differing = 0;
    const failures: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const emulator = await startEmulator({ port: 0, seed: `heal-${seed}`, repos: 2, scale: "small" });
      const database = await freshDatabase();
      try {
        // The backfill itself meets deletions: a comment and an issue of the first repository go
        // once a page of their lists has been read.
        const rng = rngFor("heal-backfill", seed);
        const first = emulator.admin.repositories()[0]?.full_name ?? "acme/web";
        const during = deletingFetch({
          "/issues/comments": [
            {
              after: 2,
              remove: () => (
                emulator.admin.deleteComment(first, rng.pick(emulator.admin.comments(first)).id),
                1
              ),
            },
          ],
          "/issues": [
            {
              after: 1,
              remove: () => (
                emulator.admin.deleteIssue(first, rng.pick(emulator.admin.issues(first)).number),
                1
              ),
            },
          ],
        });
        await syncOrg(database.db, testClient(emulator.url, ["test-token"], { fetch: during.fetch }), "acme");
        injected += during.deleted();
        const client = testClient(emulator.url);
        injected += upheaval(emulator, seed);
        await syncOrg(database.db, client, "acme", "30d");
        await runVerify(
          { db: database.db, client, log: silentLog, progress: new Progress() },
          { repositories: [], org: "acme" },
        );
        const truth = (await walkOrganization(emulator.url, "acme")).counts;
        const mirrored = await mirrorCounts(database.db, { org: "acme" });
        const off = countsDiffering(mirrored, truth);
        differing += off;
        if (off > 0)
          failures.push(`seed ${seed}: mirror ${JSON.stringify(mirrored)} ≠ ${JSON.stringify(truth)}`);
      } finally {
        await database.close();
        await emulator.close();
      }
    }
    recordFault(task, githubFigures([21, 23], injected, differing));
    expect(failures).toEqual([]);
  }, 600_000);
});

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
