/** Which repositories opening the dashboard syncs, and when the rate budget forbids it (issue 19, seed asks). */
import { describe, expect, it } from "vitest";
import { budgetLow, staleRepositories } from "../../src/app/sync-stale.js";
import type { PollState } from "../../src/store/poll-state.js";

const NOW = Date.parse("2026-12-05T12:00:00Z");
const state = (id: number, patch: Partial<PollState> = {}): PollState => ({
  id,
  fullName: `acme/r${id}`,
  owner: "acme",
  installationId: null,
  changedAt: null,
  pollDueAt: null,
  currentAt: new Date(NOW - 60 * 60_000),
  pushedAt: null,
  needsBackfill: false,
  pending: false,
  estimatedPoints: 0,
  ...patch,
});

describe("stale repositories", () => {
  it("takes those not current for the threshold, never one being synced or owed a backfill", () => {
    const states = [
      state(1),
      state(2, { currentAt: new Date(NOW - 5 * 60_000) }),
      state(3, { pending: true }),
      state(4, { needsBackfill: true }),
      state(5, { currentAt: null }),
      state(6, { currentAt: new Date(NOW - 15 * 60_000) }),
    ];
    expect(staleRepositories(states, NOW, 15 * 60_000).map((s) => s.id)).toEqual([1, 5, 6]);
  });
});

describe("the rate budget", () => {
  const reading = (remaining: number, resetInMs = 30 * 60_000) => ({
    limit: 5_000,
    remaining,
    resetAt: new Date(NOW + resetInMs),
  });

  it("is low below the polling share of the credentials' limits together", () => {
    expect(budgetLow([reading(900)], 0.2, NOW)).toBe(true);
    expect(budgetLow([reading(1_000)], 0.2, NOW)).toBe(false);
    expect(budgetLow([reading(100), reading(4_000)], 0.2, NOW)).toBe(false);
  });

  it("counts a reading past its reset as full again, and no reading as not low", () => {
    expect(budgetLow([reading(0, -1_000)], 0.2, NOW)).toBe(false);
    expect(budgetLow([], 0.2, NOW)).toBe(false);
  });
});
