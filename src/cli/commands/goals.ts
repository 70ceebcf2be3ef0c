/** `ghsync goals add|list|show|set|remove`: goals with progress counted from the mirror. */
import type { Goal } from "../../contract/goals.js";
import { GOAL_METRICS, GOAL_WINDOWS, type GoalMetric, type GoalWindow } from "../../contract/enums.js";
import { changeGoal, createGoal } from "../../metrics/goal-changes.js";
import { goalView, historyView } from "../../metrics/goal-view.js";
import { deleteGoal, historyOf, listGoals, requireGoal } from "../../store/goals.js";
import { requireUser } from "../../store/users.js";
import { GhsyncError } from "../../util/errors.js";
import { withRuntime, type Runtime } from "../open-runtime.js";
import { printResult } from "../output.js";

type Json = { json?: boolean };

const envOf = (runtime: Runtime) => ({
  db: runtime.database.db,
  botLogins: runtime.settings.botLogins,
  now: () => new Date(),
});

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new GhsyncError(`invalid_${name}`, `--${name} must be one of ${allowed.join(", ")}; got ${value}`);
  }
  return value as T;
}

function describe(goal: Goal): string {
  const where = goal.repository ? ` in ${goal.repository}` : "";
  const done = goal.completed_at ? `, reached ${goal.completed_at}` : "";
  const synced = goal.auto_synced ? `, last synced ${goal.last_synced_at ?? "never"}` : "";
  return `#${goal.id} ${goal.user}: ${goal.title} — ${goal.current}/${goal.target} ${goal.metric}${where} (${goal.percent}%) ${goal.window} ${goal.period_start} → ${goal.period_end}${done}${synced}`;
}

export async function runGoalsAdd(
  flags: Json & {
    user: string;
    metric: string;
    target: number;
    window: string;
    start?: string;
    end?: string;
    repository?: string;
    title?: string;
    current?: number;
  },
): Promise<void> {
  await withRuntime(async (runtime) => {
    const env = envOf(runtime);
    const record = await createGoal(env, {
      user: flags.user,
      metric: oneOf<GoalMetric>("metric", flags.metric, GOAL_METRICS),
      window: oneOf<GoalWindow>("window", flags.window, GOAL_WINDOWS),
      target: flags.target,
      start: flags.start,
      end: flags.end,
      repository: flags.repository,
      title: flags.title,
      current: flags.current,
    });
    const view = await goalView(env, record);
    printResult(flags.json, view, () => [describe(view)]);
  });
}

export async function runGoalsList(flags: Json & { user?: string }): Promise<void> {
  await withRuntime(async (runtime) => {
    const env = envOf(runtime);
    const userId = flags.user ? (await requireUser(env.db, flags.user)).id : undefined;
    const views: Goal[] = [];
    for (const record of await listGoals(env.db, { userId, limit: 10_000 })) {
      views.push(await goalView(env, record));
    }
    printResult(flags.json, { items: views, next_cursor: null }, () =>
      views.length ? views.map(describe) : ["no goals; set one with `ghsync goals add`"],
    );
  });
}

export async function runGoalsShow(id: number, flags: Json): Promise<void> {
  await withRuntime(async (runtime) => {
    const env = envOf(runtime);
    const view = await goalView(env, await requireGoal(env.db, id));
    const history = (await historyOf(env.db, id)).map(historyView);
    printResult(flags.json, { ...view, history }, () => [
      describe(view),
      ...history.map(
        (h) =>
          `  ${h.period_start} → ${h.period_end}: ${h.current}/${h.target}${h.completed_at ? " reached" : ""}`,
      ),
    ]);
  });
}

export async function runGoalsSet(
  id: number,
  flags: Json & { target?: number; current?: number; title?: string },
): Promise<void> {
  await withRuntime(async (runtime) => {
    const env = envOf(runtime);
    const record = await changeGoal(env, id, {
      target: flags.target,
      current: flags.current,
      title: flags.title,
    });
    const view = await goalView(env, record);
    printResult(flags.json, view, () => [describe(view)]);
  });
}

export async function runGoalsRemove(id: number): Promise<void> {
  await withRuntime(async ({ database: { db } }) => {
    await deleteGoal(db, id);
    process.stdout.write(`removed goal ${id}\n`);
  });
}
