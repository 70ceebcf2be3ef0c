/**
 * PostgreSQL restarted in immediate mode under a working `serve` (FAULTS.md #24; issue 20's "done
 * when"): twice during backfills, with webhooks flowing. The server is a PostgreSQL of the test's
 * own (the embedded binaries, reached by `serve` through DATABASE_URL), so restarting it disturbs
 * no other test. `SIGQUIT` to the postmaster is what `pg_ctl stop -m immediate` sends: every
 * backend ends at once, no checkpoint; the server is then started again on the same socket.
 * Afterwards the process is still up, every delivery ghsync acknowledged was applied (GitHub does
 * not retry the ones refused while the database was down: reconciliation recovers what they
 * carried), and the mirror equals the emulator.
 */
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { enqueueReconcile } from "../../src/jobs/enqueue.js";
import { openDatabase, type Database } from "../../src/store/database.js";
import { joinEmbeddedServer, type EmbeddedServer } from "../../src/store/embedded/server.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { embeddedDataDir } from "../helpers/databases.js";
import { acknowledged, acknowledgedNotApplied } from "../helpers/deliveries.js";
import { countsDiffering, recordFault } from "../helpers/fault-figures.js";
import { restartImmediately } from "../helpers/postgres-restart.js";
import { freePort, settled, startTestServer, type TestServer } from "../helpers/server-harness.js";
import { silentLog } from "../helpers/sync-harness.js";
import { walkOrganization } from "../helpers/walk-github.js";

const SECRET = "restart-webhook-secret";
const dataDir = embeddedDataDir("ghsync-restarts-");
let postgres: EmbeddedServer | undefined;
let database: Database | undefined;
let emulator: RunningEmulator | undefined;
let server: TestServer | undefined;
afterAll(async () => {
  await server?.close();
  await database?.close();
  await emulator?.close();
  await postgres?.release();
  await dataDir.remove();
});

describe("PostgreSQL restarted under serve", () => {
  it("keeps serving through two immediate restarts during backfills with webhooks flowing, and loses nothing", async ({
    task,
  }) => {
    postgres = await joinEmbeddedServer(dataDir.dir, silentLog, "database-restarts test");
    database = await openDatabase({ kind: "postgres", url: postgres.url, poolSize: 20 });
    const port = await freePort();
    emulator = await startEmulator({
      port: 0,
      seed: 29,
      repos: 3,
      scale: "small",
      webhook: { url: `http://127.0.0.1:${port}/webhooks/github`, secret: SECRET },
    });
    server = await startTestServer(
      {
        GITHUB_API_URL: emulator.url,
        GITHUB_TOKEN: "restart-token",
        GITHUB_WEBHOOK_SECRET: SECRET,
        GHSYNC_RECOVERY_INTERVAL_S: "1",
      },
      database,
      port,
    );
    const db = database.db;
    for (const repo of emulator.admin.repositories()) {
      const response = await server.api("/api/repos", {
        method: "POST",
        body: JSON.stringify({ full_name: repo.full_name, depth: "full" }),
      });
      expect(response.status).toBe(202);
    }

    // Two restarts while the backfills run, each with live activity sent as webhooks around it.
    for (let restart = 0; restart < 2; restart++) {
      emulator.admin.simulateActivity(20);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await restartImmediately(postgres.cluster.dir);
      emulator.admin.simulateActivity(20);
    }
    await emulator.admin.flushWebhooks();

    await settled(db, "the backfills and deliveries after the restarts", 240_000);

    // Every delivery ghsync acknowledged (2xx) is in the inbox and was applied.
    expect(acknowledged(emulator.admin.webhookLog()).length).toBeGreaterThan(0);
    const unapplied = await acknowledgedNotApplied(db, emulator.admin.webhookLog());
    expect(unapplied).toEqual([]);
    // Refused while the database was down: 503, which GitHub's delivery log shows and redelivery
    // picks up — never a 500 (seen in bench/soak: the embedded server's missing socket file).
    const refused = emulator.admin
      .webhookLog()
      .filter((delivery) => delivery.status !== null && (delivery.status < 200 || delivery.status >= 300));
    expect(refused.filter((delivery) => delivery.status !== 503)).toEqual([]);

    // What the deliveries refused while it was down carried is recovered by reconciliation.
    await enqueueReconcile({ db, queue: server.runner.queue }, "api");
    await settled(db, "the reconciliation", 240_000);
    const truth = await walkOrganization(emulator.url, "acme");
    const mirrored = await mirrorCounts(db, { org: "acme" });
    const healthy = (await fetch(`${server.url}/api/health`)).status === 200;
    recordFault(task, {
      family: "database",
      cases: [15, 24],
      injected: 2,
      lost: unapplied.length,
      differing: countsDiffering(mirrored, truth.counts),
      crashes: healthy ? 0 : 1,
      serverErrors: refused.filter((delivery) => (delivery.status ?? 0) >= 500 && delivery.status !== 503)
        .length,
    });
    expect(mirrored).toEqual(truth.counts);
    expect(healthy).toBe(true);
  }, 600_000);
});
