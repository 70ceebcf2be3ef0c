/**
 * Changes to delivery data made through the admin (and live activity): new runs and jobs, their
 * progress, deployments and their statuses, releases, review comments, teams. Everything happens
 * at emulator time "now"; ids come from `world.deliveryIds` and chance from `world.deliveryRng`,
 * so the other mutations draw exactly what they drew before these existed.
 */
import type {
  Account,
  DeploymentRecord,
  DeploymentState,
  EnvironmentRecord,
  JobRecord,
  RepoRecord,
  RunConclusion,
  WorkflowRecord,
  WorkflowRunRecord,
  World,
} from "./world-types.js";
import type { RunTrigger, WorkflowName } from "./generate-runs.js";
import { newRun, WORKFLOW_FILES, workflowOf } from "./generate-runs.js";
import { environmentUrl } from "./generate-deployments.js";
import { EmulatorError } from "./errors.js";
import { nowAfter } from "./world-queries.js";

/** The repository's workflow of that name, added (committed now) if it has none. */
export function ensureWorkflow(world: World, repo: RepoRecord, name: WorkflowName): WorkflowRecord {
  const existing = workflowOf(repo, name);
  if (existing) return existing;
  const now = world.now();
  const workflow = {
    id: world.deliveryIds.next("workflow"),
    name,
    path: WORKFLOW_FILES[name],
    createdAt: now,
    updatedAt: now,
  };
  repo.workflows.push(workflow);
  return workflow;
}

export function ensureEnvironment(world: World, repo: RepoRecord, name: string): EnvironmentRecord {
  const existing = repo.environments.find((env) => env.name === name);
  if (existing) return existing;
  const now = world.now();
  const env = { id: world.deliveryIds.next("environment"), name, createdAt: now, updatedAt: now };
  repo.environments.push(env);
  return env;
}

/**
 * A queued run created now (ids, next run number of its workflow) — never before `floor`, the
 * commit it runs on (commits pushed within one second are dated a second apart, ahead of now).
 */
export function createRun(
  world: World,
  repo: RepoRecord,
  trigger: Omit<RunTrigger, "createdAt">,
  floor = 0,
): WorkflowRunRecord {
  const run = newRun({ ...trigger, createdAt: nowAfter(world, floor) });
  run.id = world.deliveryIds.next("run");
  run.checkSuiteId = world.deliveryIds.next("checkSuite");
  const numbers = repo.runs.filter((r) => r.workflow === trigger.workflow).map((r) => r.runNumber);
  run.runNumber = numbers.length > 0 ? Math.max(...numbers) + 1 : 1;
  repo.runs.push(run);
  return run;
}

/** A queued job of the run's current attempt. */
export function addJob(world: World, run: WorkflowRunRecord, name: string): JobRecord {
  const now = nowAfter(world, run.updatedAt);
  const job: JobRecord = {
    id: world.deliveryIds.next("job"),
    name,
    runAttempt: run.runAttempt,
    status: "queued",
    conclusion: null,
    createdAt: now,
    startedAt: now,
    completedAt: null,
  };
  run.jobs.push(job);
  return job;
}

export function startRun(world: World, run: WorkflowRunRecord): void {
  run.status = "in_progress";
  run.runStartedAt = nowAfter(world, run.createdAt);
  run.updatedAt = run.runStartedAt;
}

export function startJob(world: World, run: WorkflowRunRecord, job: JobRecord): void {
  job.status = "in_progress";
  job.startedAt = nowAfter(world, job.createdAt);
  run.updatedAt = nowAfter(world, run.updatedAt);
}

export function finishJob(
  world: World,
  run: WorkflowRunRecord,
  job: JobRecord,
  conclusion: RunConclusion,
): void {
  job.status = "completed";
  job.conclusion = conclusion;
  job.completedAt = nowAfter(world, job.startedAt);
  run.updatedAt = nowAfter(world, run.updatedAt);
}

/** Completes the run with the worst conclusion of its current attempt's jobs. */
export function finishRun(world: World, run: WorkflowRunRecord): void {
  const jobs = run.jobs.filter((job) => job.runAttempt === run.runAttempt);
  run.status = "completed";
  run.conclusion = jobs.some((job) => job.conclusion === "failure")
    ? "failure"
    : jobs.some((job) => job.conclusion === "cancelled")
      ? "cancelled"
      : "success";
  run.updatedAt = nowAfter(world, run.updatedAt);
}

/** Starts attempt `runAttempt + 1` of a completed run (GitHub's "Re-run all jobs"). */
export function rerunRun(world: World, run: WorkflowRunRecord): void {
  if (run.status !== "completed") throw new EmulatorError("invalid", `run ${run.id} is still ${run.status}`);
  run.earlierAttempts.push({
    attempt: run.runAttempt,
    conclusion: run.conclusion,
    runStartedAt: run.runStartedAt,
    updatedAt: run.updatedAt,
  });
  run.runAttempt += 1;
  run.status = "queued";
  run.conclusion = null;
  run.updatedAt = nowAfter(world, run.updatedAt);
}

/** A deployment of `sha` to `environment`, created now by `creator`, with no status yet. */
export function createDeployment(
  world: World,
  repo: RepoRecord,
  environment: string,
  sha: string,
  creator: Account,
  floor: number,
): DeploymentRecord {
  ensureEnvironment(world, repo, environment);
  const now = nowAfter(world, floor);
  const deployment: DeploymentRecord = {
    id: world.deliveryIds.next("deployment"),
    sha,
    ref: repo.defaultBranch,
    task: "deploy",
    environment,
    creator,
    description: `Deploy ${sha.slice(0, 7)} to ${environment}`,
    createdAt: now,
    updatedAt: now,
    statuses: [],
  };
  repo.deployments.push(deployment);
  return deployment;
}

const DESCRIPTIONS: Readonly<Record<DeploymentState, string>> = {
  queued: "Deployment queued",
  in_progress: "Deployment started",
  success: "Deployment finished successfully.",
  failure: "Deployment failed.",
  error: "Deployment errored.",
  inactive: "",
};

export function addDeploymentStatus(
  world: World,
  repo: RepoRecord,
  deployment: DeploymentRecord,
  state: DeploymentState,
  job: { run: WorkflowRunRecord; job: JobRecord } | null,
) {
  const status = {
    id: world.deliveryIds.next("deploymentStatus"),
    state,
    creator: deployment.creator,
    description: DESCRIPTIONS[state],
    environmentUrl: environmentUrl(repo, deployment.environment),
    job,
    createdAt: nowAfter(world, deployment.updatedAt),
  };
  deployment.statuses.push(status);
  deployment.updatedAt = status.createdAt;
  return status;
}

/** The latest deployment to `environment` whose last status is `success` (before `except`). */
export function activeDeployment(
  repo: RepoRecord,
  environment: string,
  except: DeploymentRecord,
): DeploymentRecord | undefined {
  return [...repo.deployments]
    .reverse()
    .find((d) => d !== except && d.environment === environment && d.statuses.at(-1)?.state === "success");
}
