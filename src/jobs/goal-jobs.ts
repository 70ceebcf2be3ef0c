/**
 * The goal jobs: re-evaluation after activity was applied (a sync finished, a webhook delivery
 * was applied), off the hot path and debounced, and the periodic rollover of ended periods. Both
 * are idempotent (see metrics/evaluate-goals.ts), so a duplicate or concurrent run is harmless.
 * An evaluation announces itself as a `goals:evaluated` event (the dashboard reads goals again).
 */
import type { Settings } from "../config/settings.js";
import { evaluateOpenGoals } from "../metrics/evaluate-goals.js";
import { rollOverGoals } from "../metrics/goal-rollover.js";
import type { Database } from "../store/database.js";
import { kickDispatch } from "./notify-jobs.js";
import type { Logger } from "../util/logger.js";
import type { EventBus } from "./events.js";
import { QUEUES, type JobQueue } from "./queue.js";

/** Activity within this many seconds is evaluated in one run. */
const EVALUATION_DEBOUNCE_S = 2;

/** Asks for a goal evaluation soon; never fails the caller (the next activity or rollover catches up). */
export async function requestGoalEvaluation(queue: JobQueue, log: Logger): Promise<void> {
  await queue
    .sendDebounced(QUEUES.evaluateGoals, "all", EVALUATION_DEBOUNCE_S)
    .catch((error: unknown) => log.warn({ err: error }, "could not queue a goal evaluation"));
}

/** Workers for both goal queues; with `schedule`, the rollover cron and a rollover now. */
export async function startGoalJobs(
  settings: Settings,
  database: Database,
  queue: JobQueue,
  events: EventBus,
  log: Logger,
  options: { schedule: boolean },
): Promise<void> {
  const env = { db: database.db, botLogins: settings.botLogins, now: () => new Date() };
  await queue.work(QUEUES.evaluateGoals, 1, async () => {
    const { evaluated, announced } = await evaluateOpenGoals(env);
    log.debug({ evaluated, announced }, "goals evaluated");
    if (evaluated > 0) events.publish({ type: "goals:evaluated", evaluated });
    // A reached goal's email and webhooks go out now, not at the dispatcher's next tick.
    if (announced > 0) await kickDispatch(queue, log);
  });
  await queue.work(QUEUES.goalRollover, 1, async () => {
    const { closed, ended } = await rollOverGoals(env);
    if (closed > 0) log.info({ closed, ended }, "goal periods closed");
  });
  if (!options.schedule) return;
  await queue.schedule(QUEUES.goalRollover, settings.goalRolloverCron);
  // Periods that ended while no process ran are closed now, not at the next tick.
  await queue.send(QUEUES.goalRollover, {});
}
