/**
 * Chaos on PostgreSQL: the emulator sends every change as a webhook to `ghsync serve`, with 20%
 * of the deliveries duplicated, the order shuffled, 5% badly signed and 1% malformed. Every
 * rejection is counted, nothing is applied twice, and after reconciliation (which recovers what
 * the rejected deliveries carried) the database equals the emulator's truth.
 * Default: about 1,000 deliveries; GHSYNC_FULL_TESTS=1: about 10,000.
 */
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { enqueueReconcile } from "../../src/jobs/enqueue.js";
import { queryRows } from "../../src/store/raw-query.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { acknowledgedNotApplied } from "../helpers/deliveries.js";
import { countsDiffering, recordFault } from "../helpers/fault-figures.js";
import { freePort, settled, startTestServer, type TestServer } from "../helpers/server-harness.js";
import { walkOrganization } from "../helpers/walk-github.js";

const DELIVERIES = process.env.GHSYNC_FULL_TESTS === "1" ? 10_000 : 1_000;
const SECRET = "chaos-webhook-secret";

describe("webhook chaos on PostgreSQL", () => {
  let emulator: RunningEmulator | undefined;
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
  });

  it(`${DELIVERIES} shuffled deliveries with duplicates, bad signatures and malformed bodies end equal to the truth`, async ({
    task,
  }) => {
    const port = await freePort();
    emulator = await startEmulator({
      port: 0,
      seed: 21,
      repos: 3,
      scale: "small",
      webhook: {
        url: `http://127.0.0.1:${port}/webhooks/github`,
        secret: SECRET,
        duplicateRate: 0.2,
        reorder: 50,
        badSignatureRate: 0.05,
        malformedRate: 0.01,
      },
    });
    server = await startTestServer(
      {
        GITHUB_API_URL: emulator.url,
        GITHUB_TOKEN: "chaos-token",
        GITHUB_WEBHOOK_SECRET: SECRET,
        GHSYNC_RECOVERY_INTERVAL_S: "1",
      },
      undefined,
      port,
    );
    const db = server.database.db;

    // Start from a full mirror of every repository, tracked.
    for (const repo of emulator.admin.repositories()) {
      const response = await server.api("/api/repos", {
        method: "POST",
        body: JSON.stringify({ full_name: repo.full_name, depth: "full" }),
      });
      expect(response.status).toBe(202);
    }
    await settled(db, "the backfills", 240_000);

    // Activity until the emulator has sent about DELIVERIES deliveries.
    while (emulator.admin.webhookStats().queued < DELIVERIES) emulator.admin.simulateActivity(10);
    await emulator.admin.flushWebhooks();
    await settled(db, "the deliveries", 240_000);
    const stats = emulator.admin.webhookStats();
    expect(stats.duplicated).toBeGreaterThan(0);
    expect(stats.bad_signature).toBeGreaterThan(0);
    expect(stats.malformed).toBeGreaterThan(0);
    expect(stats.failed).toBe(0);

    const inbox = await queryRows<{ status: string; n: string | number }>(
      db,
      sql`select status, count(*) as n from webhook_deliveries group by status`,
    );
    const count = (status: string) => Number(inbox.find((row) => row.status === status)?.n ?? 0);
    expect(count("failed")).toBe(0);
    expect(stats.by_status["401"] ?? 0).toBe(stats.bad_signature);
    expect(stats.by_status["400"] ?? 0).toBe(stats.malformed);
    const [reasons] = await queryRows<{ signature: string | number; json: string | number }>(
      db,
      sql`select count(*) filter (where reason like 'X-Hub-Signature-256%') as signature,
                 count(*) filter (where reason like 'malformed JSON%') as json
            from webhook_deliveries where status = 'rejected'`,
    );
    expect(Number(reasons?.signature)).toBe(stats.bad_signature);
    expect(Number(reasons?.json)).toBe(stats.malformed);
    // Each delivery is one inbox row however often it came (duplicates answered 200 or, while the
    // first copy is being applied, 202 — never applied twice). A delivery may take more than one
    // attempt (a deadlock with a concurrent sync is retried), but none is left failed.
    const [rows] = await queryRows<{ n: string | number }>(
      db,
      sql`select count(*) as n from webhook_deliveries`,
    );
    // Requests made, less the second copies: the distinct deliveries.
    expect(Number(rows?.n)).toBe(stats.sent - stats.duplicated);
    // Whether a repeat meets its first copy applied (200) or still pending (202) is timing; both are
    // right, so only that every answer was one of the receiver's documented statuses is checked.
    expect(
      Object.keys(stats.by_status).every((status) => ["200", "202", "400", "401"].includes(status)),
    ).toBe(true);

    // What the rejected deliveries carried is recovered by reconciliation.
    await enqueueReconcile({ db, queue: server.runner.queue }, "api");
    await settled(db, "the reconciliation", 240_000);
    const truth = await walkOrganization(emulator.url, "acme");
    const mirrored = await mirrorCounts(db, { org: "acme" });
    recordFault(task, {
      family: "GitHub",
      cases: [2, 5, 6, 9],
      injected: stats.duplicated + stats.bad_signature + stats.malformed,
      lost: (await acknowledgedNotApplied(db, emulator.admin.webhookLog())).length,
      differing: countsDiffering(mirrored, truth.counts),
      crashes: (await fetch(`${server.url}/api/health`)).status === 200 ? 0 : 1,
      serverErrors: Object.entries(stats.by_status)
        .filter(([status]) => Number(status) >= 500)
        .reduce((sum, [, n]) => sum + n, 0),
    });
    expect(mirrored).toEqual(truth.counts);
  }, 600_000);
});
