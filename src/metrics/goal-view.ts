/** A goal as the API and the CLI show it: live progress from the mirror, percent, last synced. */
import type { Goal } from "../contract/goals.js";
import type { Db } from "../store/database.js";
import type { GoalHistoryRow, GoalRecord } from "../store/goals.js";
import { currentOf, percentOf } from "./evaluate-goals.js";
import { countMetric, lastSyncedAt } from "./goal-progress.js";
import { lastUpdatedAt } from "../store/last-updated.js";

/** The view with `current` counted now (never the stored value for an auto goal). */
export async function goalView(
  env: { db: Db; botLogins: string[]; now: () => Date },
  record: GoalRecord,
  options: { publicOnly?: boolean } = {},
): Promise<Goal> {
  const { goal } = record;
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
    completed_at: goal.completedAt?.toISOString() ?? null,
    last_synced_at: synced?.toISOString() ?? null,
    last_updated_at: updated?.toISOString() ?? null,
    manual,
    auto_synced: !manual,
    ended_at: endedAt(goal, env.now())?.toISOString() ?? null,
  };
}

/**
 * A custom goal ends when its period does, not when the next rollover records it (up to 15
 * minutes later); a weekly or monthly goal never ends, it moves on to its next period.
 */
function endedAt(goal: GoalRecord["goal"], now: Date): Date | null {
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
