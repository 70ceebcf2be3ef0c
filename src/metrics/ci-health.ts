/**
 * CI health of a scope over a period (docs/dora.md, "CI health"), pure: per repository and
 * workflow name, the runs completed in the period, their success rate (success / (success +
 * failure); cancelled, skipped and neutral runs left out) and their median duration.
 */
import type { CiWorkflow } from "../contract/dora.js";
import { within } from "./dora-calendar.js";
import type { DoraRepository, WorkflowRunRow } from "./dora-rows.js";
import { distribution } from "./distribution.js";
import type { MetricWindow } from "./window.js";

const FAILED = new Set(["failure", "timed_out", "startup_failure"]);
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

export function ciHealth(
  repositories: readonly DoraRepository[],
  runs: readonly WorkflowRunRow[],
  window: MetricWindow,
): CiWorkflow[] {
  const names = new Map(repositories.map((repo) => [repo.id, repo.fullName]));
  const groups = new Map<string, { repository: string; workflow: string; runs: WorkflowRunRow[] }>();
  for (const run of runs) {
    const repository = names.get(run.repositoryId);
    if (!repository || run.deletedAt !== null || run.status !== "completed" || !within(run.updatedAt, window))
      continue;
    const workflow = run.workflowName ?? "(unnamed)";
    const key = JSON.stringify([repository, workflow]);
    const group = groups.get(key) ?? { repository, workflow, runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => a.repository.localeCompare(b.repository) || a.workflow.localeCompare(b.workflow))
    .map(({ repository, workflow, runs: own }) => {
      const successes = own.filter((run) => run.conclusion === "success").length;
      const failures = own.filter((run) => FAILED.has(run.conclusion ?? "")).length;
      const durations = own.map(
        (run) => (run.updatedAt.getTime() - (run.runStartedAt ?? run.createdAt).getTime()) / 1_000,
      );
      return {
        repository,
        workflow,
        runs: own.length,
        success_rate: successes + failures === 0 ? null : round4(successes / (successes + failures)),
        median_duration_s: distribution(durations).median,
      };
    });
}
