/**
 * The admin's delivery changes, each sent as the webhooks GitHub sends for it, in GitHub's order:
 *
 * - a run (CI on a push, Deploy, a re-run): `workflow_run` requested → `workflow_job` queued and
 *   `check_run` created per job → `workflow_run` in_progress → `workflow_job` in_progress → (the
 *   job's work) → `workflow_job` completed and `check_run` completed → `workflow_run` completed
 *   and `check_suite` completed;
 * - a deploy job's work: `deployment` created, `deployment_status` created per status
 *   (in_progress, then success/failure; the superseded deployment's `inactive` on success);
 * - a release: `release` created, then published (unless a draft);
 * - review comments: `pull_request_review` submitted (a comment makes a COMMENTED review) and
 *   `pull_request_review_comment` created; edited (with `changes.body.from`), deleted.
 * Everything happens now (emulator time); payloads are rendered as each step leaves the record.
 */
import type { ChangeDetails } from "./change-record.js";
import type { EmulatorChange } from "./admin-types.js";
import type {
  Account,
  CommitRecord,
  DeploymentRecord,
  JobRecord,
  RepoRecord,
  RunConclusion,
  RunEvent,
  WorkflowRunRecord,
  World,
} from "./world-types.js";
import type { WorkflowName } from "./generate-runs.js";
import * as delivery from "./mutate-delivery.js";

export interface DeliveryHost {
  world: World;
  emit(type: EmulatorChange["type"], action: string, repo: RepoRecord, details: ChangeDetails): void;
}

/** What a job does between starting and finishing; returns its conclusion. */
type JobWork = (job: JobRecord, run: WorkflowRunRecord) => RunConclusion;

export interface RunSpec {
  workflow: WorkflowName;
  event: RunEvent;
  headBranch: string;
  head: CommitRecord | { sha: string; message: string };
  actor: Account;
  pull?: number | null;
  jobs: { name: string; work: JobWork }[];
}

function runEvent(host: DeliveryHost, repo: RepoRecord, run: WorkflowRunRecord, action: string): void {
  host.emit("workflow_run", action, repo, { id: run.id, sender: run.triggeringActor, run });
}

function jobEvents(
  host: DeliveryHost,
  repo: RepoRecord,
  run: WorkflowRunRecord,
  job: JobRecord,
  action: string,
) {
  host.emit("workflow_job", action, repo, { id: job.id, sender: run.triggeringActor, run, job });
  if (action === "queued" || action === "completed")
    host.emit("check_run", action === "queued" ? "created" : "completed", repo, {
      id: job.id,
      sender: run.triggeringActor,
      run,
      job,
    });
}

/** Runs the current attempt of `run` with these jobs, sending every event on the way. */
function execute(host: DeliveryHost, repo: RepoRecord, run: WorkflowRunRecord, jobs: RunSpec["jobs"]): void {
  const { world } = host;
  runEvent(host, repo, run, "requested");
  const started = jobs.map((spec) => ({ spec, job: delivery.addJob(world, run, spec.name) }));
  for (const { job } of started) jobEvents(host, repo, run, job, "queued");
  delivery.startRun(world, run);
  runEvent(host, repo, run, "in_progress");
  for (const { spec, job } of started) {
    delivery.startJob(world, run, job);
    jobEvents(host, repo, run, job, "in_progress");
    delivery.finishJob(world, run, job, spec.work(job, run));
    jobEvents(host, repo, run, job, "completed");
  }
  delivery.finishRun(world, run);
  runEvent(host, repo, run, "completed");
  host.emit("check_suite", "completed", repo, { id: run.checkSuiteId, sender: run.triggeringActor, run });
}

/** A new run of a workflow (added to the repository if missing), executed now. */
export function startWorkflowRun(host: DeliveryHost, repo: RepoRecord, spec: RunSpec): WorkflowRunRecord {
  const workflow = delivery.ensureWorkflow(host.world, repo, spec.workflow);
  const run = delivery.createRun(
    host.world,
    repo,
    {
      workflow,
      event: spec.event,
      headBranch: spec.headBranch,
      headSha: spec.head.sha,
      title: spec.head.message.split("\n")[0] ?? "",
      actor: spec.actor,
      pull: spec.pull ?? null,
    },
    "committedAt" in spec.head ? spec.head.committedAt : 0,
  );
  execute(host, repo, run, spec.jobs);
  return run;
}

const CI_JOBS = ["build", "test", "lint"] as const;

/** CI's jobs: 1–3 of build/test/lint, ~12% of runs failing one. */
export function ciJobs(world: World): RunSpec["jobs"] {
  const rng = world.deliveryRng;
  const names = rng.shuffle(CI_JOBS).slice(0, rng.int(1, 3));
  const failing = rng.chance(0.12) ? rng.int(0, names.length - 1) : -1;
  return names.map((name, index) => ({ name, work: () => (index === failing ? "failure" : "success") }));
}

/** Re-runs every job of a completed run (same id, next attempt); 80% then succeed. */
export function rerunWorkflowRun(
  host: DeliveryHost,
  repo: RepoRecord,
  run: WorkflowRunRecord,
): WorkflowRunRecord {
  const names = run.jobs.filter((job) => job.runAttempt === run.runAttempt).map((job) => job.name);
  delivery.rerunRun(host.world, run);
  const ok = host.world.deliveryRng.chance(0.8);
  execute(
    host,
    repo,
    run,
    names.map((name, index) => ({ name, work: () => (ok || index > 0 ? "success" : "failure") })),
  );
  return run;
}

function statusEvent(
  host: DeliveryHost,
  repo: RepoRecord,
  deployment: DeploymentRecord,
  job: { run: WorkflowRunRecord; job: JobRecord } | null,
  state: Parameters<typeof delivery.addDeploymentStatus>[3],
): void {
  const status = delivery.addDeploymentStatus(host.world, repo, deployment, state, job);
  host.emit("deployment_status", "created", repo, {
    id: status.id,
    sender: deployment.creator,
    deployment,
    deploymentStatus: status,
    ...(job ? { run: job.run, job: job.job } : {}),
  });
}

/**
 * The work of a deploy job: a deployment of the run's head to `environment`, in progress, then
 * `outcome`; a success turns the environment's previous successful deployment inactive.
 */
export function deployWork(
  host: DeliveryHost,
  repo: RepoRecord,
  environment: string,
  outcome: "success" | "failure",
  made: DeploymentRecord[],
): JobWork {
  return (job, current) => {
    const by = host.world.bots.actions;
    const deployment = delivery.createDeployment(
      host.world,
      repo,
      environment,
      current.headSha,
      by,
      current.updatedAt,
    );
    made.push(deployment);
    const link = { run: current, job };
    host.emit("deployment", "created", repo, { id: deployment.id, sender: by, deployment, run: current });
    statusEvent(host, repo, deployment, link, "in_progress");
    statusEvent(host, repo, deployment, link, outcome);
    const previous =
      outcome === "success" ? delivery.activeDeployment(repo, environment, deployment) : undefined;
    if (previous) statusEvent(host, repo, previous, previous.statuses.at(-1)?.job ?? null, "inactive");
    host.world.advanceTo(deployment.createdAt + 1);
    return outcome;
  };
}
