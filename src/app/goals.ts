/**
 * People's goals, one set of rules for the CLI and the API: the same fields checked the same way
 * (metric, window, target, title, repository), the same views with progress counted from the
 * mirror. Creating and changing them is goal-changes.ts.
 */
import { z } from "zod";
import { GOAL_METRICS, GOAL_WINDOWS } from "../contract/enums.js";
import { goalView, historyView, type GoalView } from "../metrics/goal-view.js";
import type { EvaluationEnv } from "../metrics/evaluate-goals.js";
import { deleteGoal, historyOf, listGoals, requireGoal } from "../store/goals.js";
import { requireUser } from "../store/users.js";
import { checked } from "./checked.js";
import { changeGoal, createGoal } from "./goal-changes.js";

const count = z.number().int().min(0);

export const newGoal = z.object({
  user: z.string().min(1).describe("the person's login"),
  title: z.string().max(200).optional(),
  metric: z.enum(GOAL_METRICS),
  window: z.enum(GOAL_WINDOWS).describe("weekly (Monday start) or monthly in the user's timezone, or custom"),
  start: z.string().optional().describe("custom window: ISO date or date-time"),
  end: z.string().optional().describe("custom window: ISO date (included) or date-time (excluded)"),
  target: z.number().int().positive(),
  repository: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, "must be OWNER/NAME")
    .nullable()
    .optional(),
  current: count.optional().describe("manual goals only"),
});

export const goalPatch = z.object({
  title: z.string().min(1).max(200).optional(),
  target: z.number().int().positive().optional(),
  current: count.optional().describe("manual goals only"),
});

/** Sets a goal; `input` is checked here against newGoal (the CLI's flags arrive as strings). */
export async function addGoal(env: EvaluationEnv, input: unknown): Promise<GoalView> {
  return goalView(env, await createGoal(env, checked(newGoal, input)));
}

export async function setGoal(
  env: EvaluationEnv,
  id: number,
  patch: z.input<typeof goalPatch>,
): Promise<GoalView> {
  return goalView(env, await changeGoal(env, id, checked(goalPatch, patch)));
}

export async function showGoal(env: EvaluationEnv, id: number): Promise<GoalView> {
  return goalView(env, await requireGoal(env.db, id));
}

/** One page of goals by id (of one person when `user` is given). */
export async function listGoalViews(
  env: EvaluationEnv,
  page: { user?: string | undefined; after?: number | undefined; limit: number },
): Promise<{ items: GoalView[]; next_cursor: string | null }> {
  const userId = page.user ? (await requireUser(env.db, page.user)).id : undefined;
  const records = await listGoals(env.db, { userId, after: page.after, limit: page.limit });
  const items: GoalView[] = [];
  for (const record of records) items.push(await goalView(env, record));
  const last = records.at(-1);
  return { items, next_cursor: records.length >= page.limit && last ? String(last.goal.id) : null };
}

/** A goal's finished periods, newest first. */
export async function goalHistory(env: EvaluationEnv, id: number) {
  const { goal } = await requireGoal(env.db, id);
  return (await historyOf(env.db, goal.id)).map(historyView);
}

/** Removes the goal and its history. */
export async function removeGoal(env: EvaluationEnv, id: number): Promise<void> {
  await deleteGoal(env.db, id);
}
