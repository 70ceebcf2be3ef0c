/**
 * The scheduler's choice (pure): which tracked repositories to sync this tick, within the share of
 * the hourly points polling may spend (GHSYNC_POLL_BUDGET).
 *
 * - A repository whose sync is queued, waiting or running already is left to it.
 * - A repository whose backfill is owed is always queued (someone asked for it).
 * - A repository is due when change detection marked it changed, a full pass asked for a poll of
 *   it, or when no detection covered it
 *   this tick (its owner is not an organization, it is read through an App installation, or
 *   detection failed) and it was not known current for `unwatchedEveryMs`.
 * - Due ones go most stale first (now − when last known current), the most recently pushed first
 *   among equals; each is taken while its estimated cost fits what is left of the budget: for a
 *   changed one what syncs that found a change cost lately, else what its own last syncs spent.
 * - Past `maxStalenessMs` a due repository is queued whatever the budget: none starves.
 */
import type { PollState } from "../store/poll-state.js";

export interface PollSettings {
  now: number;
  /** Points left of this hour's polling budget. */
  budgetPoints: number;
  /** What a sync that finds a change costs, on average (a changed repository costs at least this). */
  changeCost: number;
  maxStalenessMs: number;
  unwatchedEveryMs: number;
  /** Repositories (ids) a change detection covered this tick. */
  watched: ReadonlySet<number>;
}

export type PollReason = "backfill" | "changed" | "full_pass" | "unwatched" | "overdue";

export interface PollPick {
  id: number;
  fullName: string;
  type: "backfill" | "incremental";
  reason: PollReason;
}

export interface PollPlan {
  picks: PollPick[];
  /** Due repositories left for a later tick: the budget is spent. */
  deferred: number;
  /** Points the picks are expected to spend. */
  estimatedPoints: number;
}

export function planPolls(states: readonly PollState[], settings: PollSettings): PollPlan {
  const staleness = (state: PollState) =>
    state.currentAt === null ? Infinity : settings.now - state.currentAt.getTime();
  const picks: PollPick[] = [];
  const due: { state: PollState; reason: PollReason }[] = [];
  for (const state of states) {
    // Its sync is on its way: it clears the marks when it runs (a tick queueing it again would
    // only join it, one query per repository of a backlog).
    if (state.pending) continue;
    if (state.needsBackfill) {
      picks.push({ id: state.id, fullName: state.fullName, type: "backfill", reason: "backfill" });
      continue;
    }
    const watched = settings.watched.has(state.id);
    if (state.changedAt !== null) due.push({ state, reason: "changed" });
    else if (state.pollDueAt !== null) due.push({ state, reason: "full_pass" });
    else if (!watched && staleness(state) >= settings.unwatchedEveryMs)
      due.push({ state, reason: "unwatched" });
  }
  due.sort(
    (a, b) =>
      staleness(b.state) - staleness(a.state) ||
      (b.state.pushedAt?.getTime() ?? 0) - (a.state.pushedAt?.getTime() ?? 0),
  );
  let left = settings.budgetPoints;
  let estimatedPoints = 0;
  let deferred = 0;
  for (const { state, reason } of due) {
    const overdue = staleness(state) >= settings.maxStalenessMs;
    const cost =
      reason === "changed" ? Math.max(state.estimatedPoints, settings.changeCost) : state.estimatedPoints;
    // A poll whose syncs answer 304 costs nothing: it fits even a spent budget.
    if (!overdue && cost > 0 && cost > left) {
      deferred++;
      continue;
    }
    left -= cost;
    estimatedPoints += cost;
    picks.push({
      id: state.id,
      fullName: state.fullName,
      type: "incremental",
      reason: overdue ? "overdue" : reason,
    });
  }
  return { picks, deferred, estimatedPoints };
}
