/** The sync under GitHub's awkward parts: 5xx and dropped connections, secondary and primary limits, a revoked token. */
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Database } from "../../src/store/database.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { freshDatabase } from "../helpers/databases.js";
import { admin, syncOrg, testClient } from "../helpers/sync-harness.js";
import { walkOrganization } from "../helpers/walk-github.js";
import { recordFault, syncFaultFigures } from "../helpers/fault-figures.js";
import { truthMirrorCounts, withoutCheckRuns } from "../helpers/truth-counts.js";

describe("sync faults", () => {
  let emulator: RunningEmulator | undefined;
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    await emulator?.close();
  });

  it("10% 5xx and dropped connections plus secondary limits still end equal to the truth", async ({
    task,
  }) => {
    emulator = await startEmulator({ port: 0, seed: 11, repos: 2, scale: "small", faultRate: 0.1 });
    database = await freshDatabase();
    emulator.admin.setFaults({ secondary: { count: 3, retryAfterS: 1 } });
    await syncOrg(database.db, testClient(emulator.url), "acme");
    await emulator.admin.setFaults({ faultRate: 0 });
    const truth = await walkOrganization(emulator.url, "acme");
    const mirrored = await mirrorCounts(database.db, { org: "acme" });
    recordFault(task, syncFaultFigures(emulator, [17], mirrored, truth.counts));
    expect(mirrored).toEqual(truth.counts);
  });

  it("waits out an exhausted primary limit and finishes, never exceeding it", async ({ task }) => {
    emulator = await startEmulator({
      port: 0,
      seed: 12,
      repos: 2,
      scale: "small",
      rateLimit: 100,
      rateWindowS: 3,
    });
    database = await freshDatabase();
    const waits: Date[] = [];
    // REST's core budget is the one spent out here (GraphQL's: sync-graphql-resilience.test.ts).
    const client = testClient(emulator.url, ["only-token"], {
      api: "rest",
      onWait: (until) => waits.push(until),
    });
    await syncOrg(database.db, client, "acme");
    expect(waits.length).toBeGreaterThan(0);
    expect(emulator.admin.requestStats()["only-token"]?.rate_limited).toBe(0);
    // (The emulator's own truth: a paginated walk would itself run into this tiny limit.)
    const mirrored = await mirrorCounts(database.db, { org: "acme" });
    recordFault(task, {
      ...syncFaultFigures(emulator, [16], mirrored, truthMirrorCounts(emulator.admin)),
      injected: waits.length,
    });
    expect(withoutCheckRuns(mirrored)).toEqual(truthMirrorCounts(emulator.admin));
  });

  it("finishes on the other token when one is revoked, naming the rejected one", async () => {
    emulator = await startEmulator({ port: 0, seed: 13, repos: 1, scale: "small" });
    database = await freshDatabase();
    await admin(emulator.url, "POST", "/tokens/revoked-token/revoke");
    const rejected: string[] = [];
    const client = testClient(emulator.url, ["revoked-token", "good-token"], {
      onRejected: (_credential, message) => {
        rejected.push(message);
      },
    });
    await syncOrg(database.db, client, "acme");
    expect(rejected).toEqual([expect.stringMatching(/^GITHUB_TOKEN #1 was rejected by GitHub \(401\)/)]);
    const truth = await walkOrganization(emulator.url, "acme");
    expect(await mirrorCounts(database.db, { org: "acme" })).toEqual(truth.counts);
  });
});
