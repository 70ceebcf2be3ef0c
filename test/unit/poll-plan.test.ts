/** The scheduler's choice of what to sync each tick (jobs/poll-plan.ts): pure, on made-up states. */
import { describe, expect, it } from "vitest";
import { planPolls, type PollSettings } from "../../src/jobs/poll-plan.js";
import type { PollState } from "../../src/store/poll-state.js";

const NOW = Date.parse("2026-12-05T12:00:00Z");
const minutes = (n: number) => new Date(NOW - n * 60_000);

let nextId = 1;
function state(overrides: Partial<PollState>): PollState {
  const id = nextId++;
  return {
    id,
    fullName: `acme/r${id}`,
    owner: "acme",
    installationId: null,
    changedAt: null,
    pollDueAt: null,
    currentAt: minutes(1),
    pushedAt: minutes(60),
    needsBackfill: false,
    pending: false,
    estimatedPoints: 1,
    ...overrides,
  };
}

const settings = (states: PollState[], overrides: Partial<PollSettings> = {}): PollSettings => ({
  now: NOW,
  budgetPoints: 100,
  changeCost: 0,
  maxStalenessMs: 6 * 3_600_000,
  unwatchedEveryMs: 15 * 60_000,
  watched: new Set(states.map((s) => s.id)),
  ...overrides,
});

describe("planPolls", () => {
  it("syncs what detection marked changed and leaves quiet watched repositories alone", () => {
    const quiet = state({});
    const changed = state({ changedAt: minutes(1), currentAt: minutes(10) });
    const owed = state({ needsBackfill: true, currentAt: null });
    const states = [quiet, changed, owed];
    const plan = planPolls(states, settings(states));
    expect(plan.picks).toEqual([
      { id: owed.id, fullName: owed.fullName, type: "backfill", reason: "backfill" },
      { id: changed.id, fullName: changed.fullName, type: "incremental", reason: "changed" },
    ]);
    expect(plan.deferred).toBe(0);
  });

  it("leaves a repository whose sync is on its way to it", () => {
    const queued = state({ changedAt: minutes(1), pending: true });
    const owed = state({ needsBackfill: true, pending: true });
    const states = [queued, owed];
    expect(planPolls(states, settings(states))).toEqual({ picks: [], deferred: 0, estimatedPoints: 0 });
  });

  it("takes the most stale first, the most recently pushed among equals, within the budget", () => {
    const stale = state({ changedAt: minutes(1), currentAt: minutes(50), estimatedPoints: 3 });
    const fresher = state({ changedAt: minutes(1), currentAt: minutes(5), estimatedPoints: 3 });
    const busy = state({
      changedAt: minutes(1),
      currentAt: minutes(5),
      pushedAt: minutes(2),
      estimatedPoints: 3,
    });
    const states = [fresher, stale, busy];
    const plan = planPolls(states, settings(states, { budgetPoints: 7 }));
    expect(plan.picks.map((pick) => pick.id)).toEqual([stale.id, busy.id]);
    expect(plan.deferred).toBe(1);
    expect(plan.estimatedPoints).toBe(6);
  });

  it("prices a change at what syncs that found one cost lately, whatever the repository's own history", () => {
    // Its last syncs all answered 304 (0 points): the change it now has is not free.
    const quietUntilNow = state({ changedAt: minutes(1), estimatedPoints: 0 });
    const states = [quietUntilNow];
    const plan = planPolls(states, settings(states, { budgetPoints: 3, changeCost: 4.5 }));
    expect(plan).toMatchObject({ picks: [], deferred: 1 });
    expect(planPolls(states, settings(states, { budgetPoints: 5, changeCost: 4.5 }))).toMatchObject({
      deferred: 0,
      estimatedPoints: 4.5,
    });
  });

  it("prices a full pass's poll at the repository's own history: 304s fit a spent budget", () => {
    const polled = state({ pollDueAt: minutes(1), estimatedPoints: 0 });
    const states = [polled];
    expect(planPolls(states, settings(states, { budgetPoints: 0, changeCost: 4.5 })).picks).toEqual([
      { id: polled.id, fullName: polled.fullName, type: "incremental", reason: "full_pass" },
    ]);
  });

  it("a poll that costs nothing (ETag polls) fits a spent budget; a spent budget defers the rest", () => {
    const free = state({ currentAt: minutes(20), estimatedPoints: 0 });
    const costly = state({ changedAt: minutes(1), estimatedPoints: 5 });
    const states = [free, costly];
    const plan = planPolls(states, settings(states, { budgetPoints: -20, watched: new Set([costly.id]) }));
    expect(plan.picks.map((pick) => pick.id)).toEqual([free.id]);
    expect(plan.deferred).toBe(1);
  });

  it("never starves: past the maximum staleness a change is synced whatever the budget", () => {
    const starved = state({ changedAt: minutes(400), currentAt: minutes(361), estimatedPoints: 50 });
    const states = [starved];
    const plan = planPolls(states, settings(states, { budgetPoints: 0 }));
    expect(plan.picks).toEqual([
      { id: starved.id, fullName: starved.fullName, type: "incremental", reason: "overdue" },
    ]);
  });

  it("polls a repository no detection covered once it was not known current for the interval", () => {
    const recent = state({ currentAt: minutes(5) });
    const due = state({ currentAt: minutes(20) });
    const states = [recent, due];
    const unwatched = settings(states, { watched: new Set() });
    expect(planPolls(states, unwatched).picks).toEqual([
      { id: due.id, fullName: due.fullName, type: "incremental", reason: "unwatched" },
    ]);
    // At start-up every one of them is polled.
    expect(planPolls(states, { ...unwatched, unwatchedEveryMs: 0 }).picks).toHaveLength(2);
  });
});
