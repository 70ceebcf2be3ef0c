/**
 * The sync under every form GitHub gives a rate limit (issue 21, part 3): a primary limit answered
 * 429, and secondary limits that name no retry-after but a reset. Each must be waited out, with
 * nothing lost. The second failed before the client derived the wait from the reset (it waited
 * the plugin's 60 s fallback); the unit tests in test/unit/github-client-waits.test.ts pin the waits.
 */
import { afterEach, describe, expect, it } from "vitest";
import { recordFault, syncFaultFigures } from "../helpers/fault-figures.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Database } from "../../src/store/database.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { freshDatabase } from "../helpers/databases.js";
import { syncOrg, testClient } from "../helpers/sync-harness.js";
import { truthMirrorCounts, withoutCheckRuns } from "../helpers/truth-counts.js";

const TOKEN = "only-token";

describe("sync under each rate-limit form", () => {
  let emulator: RunningEmulator | undefined;
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    await emulator?.close();
  });

  it("waits out a primary limit answered 429 (spent elsewhere) and ends equal to the truth", async ({
    task,
  }) => {
    emulator = await startEmulator({
      port: 0,
      seed: 21,
      repos: 1,
      scale: "small",
      rateLimit: 300,
      rateWindowS: 2,
    });
    emulator.admin.setFaults({ primaryStatus: 429 });
    database = await freshDatabase();
    // Another process spends the token's window: the sync's first answer is the 429.
    for (let i = 0; i < 300; i++) {
      await fetch(`${emulator.url}/repos/acme/web`, { headers: { authorization: `token ${TOKEN}` } });
    }
    await syncOrg(database.db, testClient(emulator.url, [TOKEN]), "acme");
    expect(emulator.admin.requestStats()[TOKEN]?.rate_limited).toBeGreaterThan(0);
    const mirrored = await mirrorCounts(database.db, { org: "acme" });
    recordFault(task, syncFaultFigures(emulator, [16], mirrored, truthMirrorCounts(emulator.admin)));
    expect(withoutCheckRuns(mirrored)).toEqual(truthMirrorCounts(emulator.admin));
  });

  it("waits until the reset of secondary limits without retry-after and ends equal to the truth", async ({
    task,
  }) => {
    emulator = await startEmulator({ port: 0, seed: 22, repos: 1, scale: "small" });
    emulator.admin.setFaults({ secondary: { count: 2, retryAfterS: 1, status: 429, form: "reset" } });
    database = await freshDatabase();
    const started = Date.now();
    await syncOrg(database.db, testClient(emulator.url, [TOKEN]), "acme");
    expect(emulator.admin.requestStats()[TOKEN]?.rate_limited).toBe(2);
    // Two 1-second resets, not the 60 s that a secondary limit without retry-after defaults to.
    expect(Date.now() - started).toBeLessThan(30_000);
    const mirrored = await mirrorCounts(database.db, { org: "acme" });
    recordFault(task, syncFaultFigures(emulator, [17], mirrored, truthMirrorCounts(emulator.admin)));
    expect(withoutCheckRuns(mirrored)).toEqual(truthMirrorCounts(emulator.admin));
  });
});
