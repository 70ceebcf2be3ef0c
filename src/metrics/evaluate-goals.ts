/**
 * Evaluating goals: recount a goal's period from the mirror, record a changed `current` (with a
 * `goal.progress` notification) and the first crossing of the target (`completed_at` and one
 * `goal.completed` notification). Both notifications carry dedupe keys naming the fact, and
 * `completed_at` is set only where it is null, so evaluating as often as anyone likes, from any
 * number of processes, announces each fact once.
 */
import type { Db } from "../store/database.js";
import { markCompleted, openGoals, recordCurrent, type GoalRecord, type GoalRow } from "../store/goals.js";
import { insertNotification } from "../store/notifications.js";
import { countMetric } from "./goal-progress.js";
import { goalProgressMessage, goalReachedMessage } from "./goal-words.js";
import { timezoneOf } from "../store/users.js";

export interface EvaluationEnv {
  db: Db;
  botLogins: string[];
  /** The clock (tests pass a fixed one). */
  now: () => Date;
}

export function percentOf(current: number, target: number): { percent: number; uncapped: number } {
  const uncapped = Math.round((current / target) * 1000) / 10;
  return { percent: Math.min(100, uncapped), uncapped };
}

/** The goal's count over its stored period (manual goals: the value set by hand). */
export async function currentOf(
  env: Pick<EvaluationEnv, "db" | "botLogins">,
  goal: GoalRow,
): Promise<number> {
  if (goal.metric === "manual") return goal.current;
  return countMetric(env.db, goal.metric, {
    userId: goal.userId,
    start: goal.periodStart,
    end: goal.periodEnd,
    repositoryId: goal.repositoryId,
    publicOnly: false,
    botLogins: env.botLogins,
  });
}

function notificationData(goal: GoalRow, current: number) {
  return {
    goal_id: goal.id,
    metric: goal.metric,
    current,
    target: goal.target,
    percent: percentOf(current, goal.target).percent,
    period_start: goal.periodStart.toISOString(),
    period_end: goal.periodEnd.toISOString(),
  };
}

/**
 * Announces what `current` means for the goal: a change from the stored value (unless `changed`
 * says it was already stored, as for a manual value) and the first crossing of the target. Each
 * change commits with its notification, so a crash between them cannot mark a goal completed
 * without announcing it. Returns how many notifications were written (for a prompt dispatch).
 * `announce: false` records the same facts without notifications (a goal set for a period that is
 * already over: nothing happened now to tell anyone about).
 */
export async function settleGoal(
  env: EvaluationEnv,
  goal: GoalRow,
  current: number,
  changed?: boolean,
  { announce = true }: { announce?: boolean } = {},
): Promise<number> {
  const at = env.now();
  const key = `goal:${goal.id}:${goal.periodStart.toISOString()}`;
  let written = 0;
  await env.db.transaction(async (tx) => {
    const moved = changed ?? (await recordCurrent(tx, goal, current, at));
    if (!moved || !announce) return;
    const id = await insertNotification(tx, {
      userId: goal.userId,
      kind: "goal.progress",
      ...goalProgressMessage(goal, current, await timezoneOf(tx, goal.userId)),
      data: notificationData(goal, current),
      dedupeKey: `${key}:${current}`,
    });
    if (id !== undefined) written++;
  });
  if (current < goal.target || goal.completedAt !== null) return written;
  await env.db.transaction(async (tx) => {
    // Reached in a period already over: completed by its end at the latest.
    const completedAt = at.getTime() < goal.periodEnd.getTime() ? at : goal.periodEnd;
    if (!(await markCompleted(tx, goal, completedAt)) || !announce) return;
    const id = await insertNotification(tx, {
      userId: goal.userId,
      kind: "goal.completed",
      ...goalReachedMessage(goal, current, await timezoneOf(tx, goal.userId)),
      data: notificationData(goal, current),
      dedupeKey: key,
    });
    if (id !== undefined) written++;
  });
  return written;
}

/** Re-evaluates every goal that counts mirrored rows and has not ended. */
export async function evaluateOpenGoals(
  env: EvaluationEnv,
): Promise<{ evaluated: number; announced: number }> {
  const records: GoalRecord[] = await openGoals(env.db);
  let evaluated = 0;
  let announced = 0;
  for (const { goal } of records) {
    if (goal.metric === "manual") continue;
    announced += await settleGoal(env, goal, await currentOf(env, goal));
    evaluated++;
  }
  return { evaluated, announced };
}
