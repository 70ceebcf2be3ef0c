/**
 * People's goals, one set of rules for the CLI and the API: the same fields checked the same way
 * (metric, window, target, title, repository), the same views with progress counted from the
 * mirror. Creating and changing them is goal-changes.ts.
 */
import type { z } from "zod";
import { goalPatch, newGoal, type Goal, type GoalPeriod } from "../contract/goals.js";
import { pageOf, type Page } from "../contract/page.js";
import { goalView, historyView } from "../metrics/goal-view.js";
import type { EvaluationEnv } from "../metrics/evaluate-goals.js";
import { deleteGoal, historyOf, listGoals, requireGoal } from "../store/goals.js";
import { requireUser } from "../store/users.js";
import { checked } from "./checked.js";
import { changeGoal, createGoal } from "./goal-changes.js";

/** Sets a goal; `input` is checked here against newGoal (the CLI's flags arrive as strings). */
export async function addGoal(env: EvaluationEnv, input: unknown): Promise<Goal> {
  return goalView(env, await createGoal(env, checked(newGoal, input)));
}

export async function setGoal(
  env: EvaluationEnv,
  id: number,
  patch: z.input<typeof goalPatch>,
): Promise<Goal> {
  return goalView(env, await changeGoal(env, id, checked(goalPatch, patch)));
}

export async function showGoal(env: EvaluationEnv, id: number): Promise<Goal> {
  return goalView(env, await requireGoal(env.db, id));
}

/** One page of goals by id (of one person when `user` is given). */
export async function listGoalViews(
  env: EvaluationEnv,
  page: { user?: string | undefined; after?: number | undefined; limit: number },
): Promise<Page<Goal>> {
  const userId = page.user ? (await requireUser(env.db, page.user)).id : undefined;
  const records = await listGoals(env.db, { userId, after: page.after, limit: page.limit + 1 });
  const { items, next_cursor } = pageOf(
    records,
    page.limit,
    (record) => record,
    (record) => record.goal.id,
  );
  // One at a time: each view runs its own counting queries.
  const views: Goal[] = [];
  for (const record of items) views.push(await goalView(env, record));
  return { items: views, next_cursor };
}

/** A goal's finished periods, newest first. */
export async function goalHistory(env: EvaluationEnv, id: number): Promise<GoalPeriod[]> {
  const { goal } = await requireGoal(env.db, id);
  return (await historyOf(env.db, goal.id)).map(historyView);
}

/** Removes the goal and its history. */
export async function removeGoal(env: EvaluationEnv, id: number): Promise<void> {
  await deleteGoal(env.db, id);
}
