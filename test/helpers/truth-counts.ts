/**
 * What the mirror of an emulated organization should count, from the emulator's own truth: its
 * counts of the conversation (`admin.counts`) and of delivery data (`admin.deliveryCounts`).
 * Check runs are left out on both sides: the emulator counts every job of every attempt, the
 * mirror keeps the check runs of current heads only (sync-delivery.test.ts compares those with an
 * independent walk).
 */
import type { MirrorCounts } from "../../src/contract/repositories.js";
import type { EmulatorAdmin } from "../../src/emulator/admin.js";

export type CountsWithoutCheckRuns = Omit<MirrorCounts, "check_runs">;

export function truthMirrorCounts(admin: EmulatorAdmin, repository?: string): CountsWithoutCheckRuns {
  const { check_runs: _everyAttempt, ...delivery } = admin.deliveryCounts(repository);
  return { ...admin.counts(repository), ...delivery };
}

export function withoutCheckRuns(counts: MirrorCounts): CountsWithoutCheckRuns {
  const { check_runs: _heads, ...rest } = counts;
  return rest;
}
