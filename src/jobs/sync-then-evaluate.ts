/**
 * A sync run and what follows it, written once for `ghsync sync` and a queued sync job: the
 * repositories are synced (assigned to the App installation that reads them, when one does: see
 * SyncRequest.installationId), then goals are evaluated, since what the run brought in may reach
 * one. Only a run that succeeded is followed by an evaluation; a failure is the caller's to report.
 * How goals are evaluated is the caller's: the CLI has no workers and evaluates now
 * (`evaluateGoalsNow`), a job asks the queue for a debounced evaluation (goal-jobs.ts).
 */
import { evaluateOpenGoals, type EvaluationEnv } from "../metrics/evaluate-goals.js";
import {
  addSummaries,
  runSync,
  type SyncDependencies,
  type SyncRequest,
  type SyncSummary,
} from "../sync/run-sync.js";
import { reserveRepository } from "../sync/sync-repository.js";

export type GoalEvaluation = () => Promise<unknown>;

/** Runs the requests one after the other (tracked repositories at different depths), then evaluates goals. */
export async function syncThenEvaluateGoals(
  deps: SyncDependencies,
  requests: readonly SyncRequest[],
  evaluateGoals: GoalEvaluation,
): Promise<SyncSummary> {
  const summaries: SyncSummary[] = [];
  // The later runs' repositories count in the progress from the start (progress.ts).
  for (const request of requests)
    for (const name of request.repositories) reserveRepository(deps.progress, name);
  for (const request of requests) summaries.push(await runSync(deps, request));
  await evaluateGoals();
  return addSummaries(summaries);
}

/** Goals evaluated in this process, now (a command without workers). */
export function evaluateGoalsNow(env: Omit<EvaluationEnv, "now">): GoalEvaluation {
  return () => evaluateOpenGoals({ ...env, now: () => new Date() });
}
