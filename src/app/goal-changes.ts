/**
 * Creating and changing goals (shared by the API and the CLI): inputs are checked before any
 * write, the first period is the one containing now in the owner's timezone, and a change that
 * reaches the target is announced at once (the evaluation job would find it later anyway).
 */
import type { GoalMetric, GoalWindow } from "../contract/enums.js";
import { findGoal, insertGoal, requireGoal, updateGoal, type GoalRecord } from "../store/goals.js";
import { findRepositoryByName } from "../store/tracking.js";
import { requireUser } from "../store/users.js";
import { GhsyncError } from "../util/errors.js";
import { currentOf, settleGoal, type EvaluationEnv } from "../metrics/evaluate-goals.js";
import { customPeriod, periodContaining, type Period } from "../metrics/goal-periods.js";

export interface NewGoalInput {
  user: string;
  title?: string;
  metric: GoalMetric;
  window: GoalWindow;
  target: number;
  /** OWNER/NAME of a mirrored repository. */
  repository?: string | null;
  /** Custom window only. */
  start?: string;
  end?: string;
  /** Manual goals only: the starting value. */
  current?: number;
}

export interface GoalPatch {
  title?: string;
  target?: number;
  /** Manual goals only. */
  current?: number;
}

const invalid = (code: string, message: string) => new GhsyncError(code, message, { status: 400 });

function checkCount(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min)) {
    throw invalid(`invalid_${name}`, `${name} must be a whole number of at least ${min}`);
  }
}

function periodFor(input: NewGoalInput, zone: string, now: Date): Period {
  if (input.window !== "custom") {
    if (input.start !== undefined || input.end !== undefined) {
      throw invalid("invalid_window", `start and end are for window "custom", not "${input.window}"`);
    }
    return periodContaining(input.window, zone, now);
  }
  if (!input.start || !input.end) throw invalid("invalid_window", 'window "custom" needs start and end');
  try {
    return customPeriod(input.start, input.end, zone);
  } catch (error) {
    throw invalid("invalid_window", (error as Error).message);
  }
}

/** The title a goal gets when none is given; regenerated when what it names changes. */
export function defaultTitle(goal: Pick<NewGoalInput, "metric" | "window" | "target">): string {
  const what = goal.metric === "manual" ? "points" : goal.metric.replaceAll("_", " ");
  return goal.window === "custom" ? `${goal.target} ${what}` : `${goal.target} ${what} ${goal.window}`;
}

export async function createGoal(env: EvaluationEnv, input: NewGoalInput): Promise<GoalRecord> {
  checkCount("target", input.target, 1);
  checkCount("current", input.current, 0);
  if (input.current !== undefined && input.metric !== "manual") {
    throw invalid(
      "current_not_settable",
      "current is counted from the mirror; only manual goals take a value",
    );
  }
  const user = await requireUser(env.db, input.user);
  let repositoryId: number | null = null;
  if (input.repository) {
    const repo = await findRepositoryByName(env.db, input.repository);
    if (!repo) {
      throw invalid(
        "unknown_repository",
        `repository ${input.repository} is not in the mirror; track it first (POST /api/repos or ghsync track)`,
      );
    }
    repositoryId = repo.id;
  }
  const period = periodFor(input, user.timezone, env.now());
  const goal = await insertGoal(env.db, {
    userId: user.id,
    title: input.title?.trim() || defaultTitle(input),
    metric: input.metric,
    window: input.window,
    target: input.target,
    repositoryId,
    periodStart: period.start,
    periodEnd: period.end,
    current: input.current ?? 0,
  });
  // The count so far is the starting point, not progress to announce; a period already over is
  // evaluated (reached or not) without announcing anything.
  const current = await currentOf(env, goal);
  const stored = current === goal.current ? goal : await updateGoal(env.db, goal.id, { current });
  await settleGoal(env, stored, current, false, { announce: period.end.getTime() > env.now().getTime() });
  return requireGoal(env.db, goal.id);
}

export async function changeGoal(env: EvaluationEnv, id: number, patch: GoalPatch): Promise<GoalRecord> {
  checkCount("target", patch.target, 1);
  checkCount("current", patch.current, 0);
  const { goal } = await requireGoal(env.db, id);
  if (patch.current !== undefined && goal.metric !== "manual") {
    throw invalid(
      "current_not_settable",
      `goal ${id} counts ${goal.metric} from the mirror; only manual goals take a value`,
    );
  }
  const target = patch.target ?? goal.target;
  const current = patch.current ?? (await currentOf(env, goal));
  // A title ghsync generated names the target: it follows the target unless the person wrote one.
  const generated = goal.title === defaultTitle(goal);
  const title =
    patch.title ?? (generated && target !== goal.target ? defaultTitle({ ...goal, target }) : undefined);
  const updated = await updateGoal(env.db, id, {
    ...(title !== undefined ? { title } : {}),
    target,
    current,
    // A raised target is no longer reached (its period's completion is still announced only once).
    ...(current < target ? { completedAt: null } : {}),
  });
  await settleGoal(env, updated, current, current !== goal.current);
  const record = await findGoal(env.db, id);
  if (!record) throw new GhsyncError("goal_not_found", `no goal ${id}`, { status: 404 });
  return record;
}
