/** `ghsync goals add|list|show|set|remove`: goals with progress counted from the mirror (app/goals.ts). */
import { addGoal, goalHistory, listGoalViews, removeGoal, setGoal, showGoal } from "../../app/goals.js";
import type { Goal } from "../../contract/goals.js";
import { withRuntime, type Runtime } from "../open-runtime.js";
import { printResult } from "../output.js";

type Json = { json?: boolean };

const envOf = (runtime: Runtime) => ({
  db: runtime.database.db,
  botLogins: runtime.settings.botLogins,
  now: () => new Date(),
});

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
    const { json, ...input } = flags;
    const view = await addGoal(envOf(runtime), input);
    printResult(json, view, () => [describe(view)]);
  });
}

export async function runGoalsList(flags: Json & { user?: string }): Promise<void> {
  await withRuntime(async (runtime) => {
    const views: Goal[] = [];
    let after: number | undefined;
    do {
      const page = await listGoalViews(envOf(runtime), { user: flags.user, after, limit: 500 });
      views.push(...page.items);
      after = page.next_cursor === null ? undefined : Number(page.next_cursor);
    } while (after !== undefined);
    printResult(flags.json, { items: views, next_cursor: null }, () =>
      views.length ? views.map(describe) : ["no goals; set one with `ghsync goals add`"],
    );
  });
}

export async function runGoalsShow(id: number, flags: Json): Promise<void> {
  await withRuntime(async (runtime) => {
    const env = envOf(runtime);
    const view = await showGoal(env, id);
    const history = await goalHistory(env, id);
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
    const { json, ...patch } = flags;
    const view = await setGoal(envOf(runtime), id, patch);
    printResult(json, view, () => [describe(view)]);
  });
}

export async function runGoalsRemove(id: number): Promise<void> {
  await withRuntime(async (runtime) => {
    await removeGoal(envOf(runtime), id);
    process.stdout.write(`removed goal ${id}\n`);
  });
}
