/** A goal as the API and the CLI show it: live progress from the mirror, percent, last synced. */
import type { Goal } from "../contract/goals.js";
import type { Db } from "../store/database.js";
import type { GoalHistoryRow, GoalRecord, GoalRow } from "../store/goals.js";
import { periodContaining } from "./goal-periods.js";
import { currentOf, percentOf } from "./evaluate-goals.js";
import { countMetric, lastSyncedAt } from "./goal-progress.js";
import { lastUpdatedAt } from "../store/last-updated.js";

/**
 * The view with `current` counted now (never the stored value for an auto goal), for the period
 * the goal counts at `now`: a weekly or monthly period that is over moves on at once, not when the
 * rollover job next records it (every 15 minutes; issue 19: an ended period looked live until then).
 */
export async function goalView(
  env: { db: Db; botLogins: string[]; now: () => Date },
  record: GoalRecord,
  options: { publicOnly?: boolean } = {},
): Promise<Goal> {
  const goal = periodAt(record, env.now());
  const rolled = goal !== record.goal;
  const { metric } = goal;
  const manual = metric === "manual";
  const current =
    manual || !options.publicOnly
      ? await currentOf(env, goal)
      : await countMetric(env.db, metric, {
          userId: goal.userId,
          start: goal.periodStart,
          end: goal.periodEnd,
          repositoryId: goal.repositoryId,
          publicOnly: true,
          botLogins: env.botLogins,
        });
  const { percent, uncapped } = percentOf(current, goal.target);
  const synced = manual ? null : await lastSyncedAt(env.db, goal.repositoryId);
  const updated = manual ? null : await lastUpdatedAt(env.db, goal.repositoryId);
  return {
    id: goal.id,
    user: record.login,
    title: goal.title,
    metric: goal.metric,
    window: goal.window,
    target: goal.target,
    repository: record.repository,
    period_start: goal.periodStart.toISOString(),
    period_end: goal.periodEnd.toISOString(),
    current,
    percent,
    percent_uncapped: uncapped,
    // Counted live, the target may be reached before the evaluation job has recorded it.
    completed_at: rolled ? null : (goal.completedAt?.toISOString() ?? null),
    last_synced_at: synced?.toISOString() ?? null,
    last_updated_at: updated?.toISOString() ?? null,
    manual,
    auto_synced: !manual,
    ended_at: endedAt(goal, env.now())?.toISOString() ?? null,
  };
}

/**
 * The goal as it counts at `now`: a weekly or monthly goal whose stored period is over, in the
 * period containing now (a manual one from 0, as the rollover starts it); otherwise as stored.
 */
function periodAt(record: GoalRecord, now: Date): GoalRow {
  const { goal } = record;
  if (goal.window === "custom" || goal.endedAt || goal.periodEnd.getTime() > now.getTime()) return goal;
  const period = periodContaining(goal.window, record.timezone, now);
  return {
    ...goal,
    periodStart: period.start,
    periodEnd: period.end,
    completedAt: null,
    current: goal.metric === "manual" ? 0 : goal.current,
  };
}

/**
 * A custom goal ends when its period does, not when the next rollover records it (up to 15
 * minutes later); a weekly or monthly goal never ends, it moves on to its next period.
 */
function endedAt(goal: GoalRow, now: Date): Date | null {
  if (goal.endedAt) return goal.endedAt;
  return goal.window === "custom" && goal.periodEnd.getTime() <= now.getTime() ? goal.periodEnd : null;
}

export function historyView(row: GoalHistoryRow) {
  const { percent, uncapped } = percentOf(row.current, row.target);
  return {
    period_start: row.periodStart.toISOString(),
    period_end: row.periodEnd.toISOString(),
    current: row.current,
    target: row.target,
    percent,
    percent_uncapped: uncapped,
    completed_at: row.completedAt?.toISOString() ?? null,
    recorded_at: row.recordedAt.toISOString(),
  };
}
