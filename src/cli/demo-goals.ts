/**
 * The demo's goals keep moving (issue 19): a demo goal reached is given a higher target a little
 * later, so a visitor watching the dashboard sees goals fill, complete, and start over — not a row
 * of completed goals after the first minutes. Weekly and monthly goals also move on to their next
 * period on their own (the rollover).
 */
import type { Goal } from "../contract/goals.js";
import type { Page } from "../contract/page.js";

/** How far above what it holds a reached demo goal's next target is. */
const STEP = { commits: 3, pull_requests_merged: 2 } as Partial<Record<Goal["metric"], number>>;
const DEFAULT_STEP = 2;

/** The next target of a demo goal, or null while it is still to reach (or has ended). */
export function nextDemoTarget(
  goal: Pick<Goal, "metric" | "current" | "target" | "ended_at">,
): number | null {
  if (goal.ended_at !== null || goal.current < goal.target) return null;
  return goal.current + (STEP[goal.metric] ?? DEFAULT_STEP);
}

/** One pass over the person's goals through the demo's API: raises the reached ones; returns how many. */
export async function raiseReachedGoals(url: string, token: string, person: string): Promise<number> {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const response = await fetch(`${url}/api/goals?user=${encodeURIComponent(person)}&limit=200`, { headers });
  if (!response.ok) return 0;
  let raised = 0;
  for (const goal of ((await response.json()) as Page<Goal>).items) {
    const target = nextDemoTarget(goal);
    if (target === null) continue;
    const patched = await fetch(`${url}/api/goals/${goal.id}`, {
      method: "PATCH",
      headers,
      body: JSON.stringify({ target }),
    });
    if (patched.ok) raised++;
  }
  return raised;
}

/**
 * Raises reached goals every `everyMs` (long enough for "Completed" to be seen first) until the
 * returned stop is called. A failed pass is tried again at the next one.
 */
export function keepDemoGoalsMoving(
  url: string,
  token: string,
  person: string,
  everyMs = 20_000,
): () => void {
  const timer = setInterval(() => void raiseReachedGoals(url, token, person).catch(() => undefined), everyMs);
  return () => clearInterval(timer);
}
