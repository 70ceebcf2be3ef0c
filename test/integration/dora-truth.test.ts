/**
 * The four DORA keys of an organization mirrored from the emulator equal a brute-force computation
 * over the emulator's own world (test/helpers/dora-truth.ts: git ancestry decides what a
 * deployment ships, not the mirror's timestamps), on several seeds. Six repositories, so that all
 * three sources occur: deployments, `docs`'s releases and `design-system`'s Release workflow.
 * GHSYNC_FULL_TESTS=1 runs more seeds.
 */
import { afterAll, describe, expect, it } from "vitest";
import { doraReport } from "../../src/app/dora.js";
import { DEFAULT_DORA } from "../../src/config/settings.js";
import { generateWorld } from "../../src/emulator/generate-world.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { resolveOptions } from "../../src/emulator/options.js";
import type { Database } from "../../src/store/database.js";
import { freshDatabase } from "../helpers/databases.js";
import { doraTruth } from "../helpers/dora-truth.js";
import { syncOrg, testClient } from "../helpers/sync-harness.js";

const SEEDS = process.env.GHSYNC_FULL_TESTS === "1" ? [3, 7, 11, 19, 23, 42] : [7, 23];
const NOW = new Date("2026-11-30T12:00:00Z");
const DAY = 86_400;

describe("DORA keys against the emulator's truth", () => {
  const open: { emulator?: RunningEmulator; database?: Database }[] = [];
  afterAll(async () => {
    for (const { emulator, database } of open) {
      await database?.close();
      await emulator?.close();
    }
  });

  for (const seed of SEEDS) {
    it(`seed ${seed}: deployment frequency, lead time, change failure rate and recovery equal the brute force`, async () => {
      const options = { seed, repos: 6, scale: "small" as const, now: NOW };
      const emulator = await startEmulator({ port: 0, ...options });
      const database = await freshDatabase();
      open.push({ emulator, database });
      await syncOrg(database.db, testClient(emulator.url), "acme");

      // The last 90 days, whole UTC days: [from 00:00, the day after `to` 00:00).
      const to = NOW.toISOString().slice(0, 10);
      const fromSeconds = Math.floor(NOW.getTime() / 1000) - 89 * DAY;
      const from = new Date(fromSeconds * 1000).toISOString().slice(0, 10);
      const report = await doraReport(database.db, { org: "acme", from, to }, DEFAULT_DORA, NOW);
      // The same inputs generate the same world: the emulator's truth, read apart from what it served.
      const world = generateWorld(resolveOptions(options), () => Math.floor(NOW.getTime() / 1000));
      const truth = doraTruth(
        world,
        Date.parse(`${from}T00:00:00Z`) / 1000,
        Date.parse(`${to}T00:00:00Z`) / 1000 + DAY,
      );
      const hours = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
      expect(report.sources).toMatchObject({
        "acme/web": "deployments",
        "acme/docs": "releases",
        "acme/design-system": "workflow_runs",
      });
      expect({
        deployments: report.deployment_frequency.deployments,
        deployment_days: report.deployment_frequency.deployment_days,
        changes: report.lead_time_for_changes.changes,
        lead_time_median_hours: report.lead_time_for_changes.median_hours,
        failed: report.change_failure_rate.failed,
        total: report.change_failure_rate.total,
        recovered: report.recovery_time.recovered,
        unrecovered: report.recovery_time.unrecovered,
        recovery_median_hours: report.recovery_time.median_hours,
      }).toEqual({
        ...truth,
        lead_time_median_hours: hours(truth.lead_time_median_hours),
        recovery_median_hours: hours(truth.recovery_median_hours),
      });
      // Something to measure: a seed whose world had no failure would prove little.
      expect(truth.deployments).toBeGreaterThan(10);
      expect(truth.failed).toBeGreaterThan(0);
      expect(truth.changes).toBeGreaterThan(10);
    }, 180_000);
  }
});
