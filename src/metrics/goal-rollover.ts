/**
 * Period rollover: a weekly or monthly goal whose period has ended gets its final result written
 * to `goal_history` (once per period: unique on goal + period_start) and moves on to the next
 * period — period by period up to the one containing now, so a week during which no process ran
 * still gets its row. A manual goal starts the new period at 0; a custom goal ends.
 */
import { advancePeriod, insertHistory, openGoals, updateGoal, type GoalRow } from "../store/goals.js";
import { currentOf, settleGoal, type EvaluationEnv } from "./evaluate-goals.js";
import { nextPeriod } from "./goal-periods.js";

/** Closes every period that ended by now; returns how many periods were closed. */
export async function rollOverGoals(env: EvaluationEnv): Promise<{ closed: number; ended: number }> {
  const now = env.now();
  let closed = 0;
  let ended = 0;
  for (const record of await openGoals(env.db, { endedBy: now })) {
    let goal: GoalRow | undefined = record.goal;
    while (goal && goal.periodEnd.getTime() <= now.getTime()) {
      await closePeriod(env, goal);
      closed++;
      if (goal.window === "custom") {
        await updateGoal(env.db, goal.id, { endedAt: now });
        ended++;
        break;
      }
      const next = nextPeriod(goal.window, record.timezone, {
        start: goal.periodStart,
        end: goal.periodEnd,
      });
      goal = await advancePeriod(env.db, goal, { ...next, current: 0 });
    }
  }
  return { closed, ended };
}

/** The period's final count and completion (announced if not yet), then its history row. */
async function closePeriod(env: EvaluationEnv, goal: GoalRow): Promise<void> {
  const current = await currentOf(env, goal);
  await settleGoal(env, goal, current);
  const reached = current >= goal.target;
  await insertHistory(env.db, {
    goalId: goal.id,
    periodStart: goal.periodStart,
    periodEnd: goal.periodEnd,
    current,
    target: goal.target,
    // Completed earlier in the period, or (counted only now) at the latest by its end.
    completedAt: reached ? (goal.completedAt ?? minDate(env.now(), goal.periodEnd)) : null,
  });
}

function minDate(a: Date, b: Date): Date {
  return a.getTime() < b.getTime() ? a : b;
}
