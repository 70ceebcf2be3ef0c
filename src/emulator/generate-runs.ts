/**
 * Actions data of one repository: its workflows, and CI runs on pushes to the default branch and
 * on pull requests over the last 120 days of history (the newest `cap` of them). A push groups
 * 1–5 consecutive commits and its run checks the last one; a pull request's runs check its head
 * at opening and after each push. ~12% of runs fail, half of those are re-run (same id, attempt
 * 2, later updated_at, 80% then succeed), ~3% are cancelled. Runs younger than their duration are
 * still queued or in progress. Ids and run numbers are handed out later (generate-delivery.ts).
 */
import type {
  Account,
  CommitRecord,
  JobRecord,
  RepoRecord,
  RunConclusion,
  RunEvent,
  WorkflowRecord,
  WorkflowRunRecord,
  World,
} from "./world-types.js";
import type { Rng } from "./prng.js";
import { DAY, MINUTE } from "./time.js";

/** The window delivery data covers, epoch seconds: [start − 120 days, start]. */
export interface DeliveryWindow {
  from: number;
  to: number;
}

export const WORKFLOW_FILES = {
  CI: ".github/workflows/ci.yml",
  Deploy: ".github/workflows/deploy.yml",
  Release: ".github/workflows/release.yml",
} as const;

export type WorkflowName = keyof typeof WORKFLOW_FILES;

/** Adds a workflow to the repository (its file committed some days after the repository). */
export function addWorkflow(repo: RepoRecord, name: WorkflowName, rng: Rng): WorkflowRecord {
  const createdAt = repo.createdAt + rng.int(1, 30) * DAY + rng.int(0, DAY);
  const workflow = { id: 0, name, path: WORKFLOW_FILES[name], createdAt, updatedAt: createdAt };
  repo.workflows.push(workflow);
  return workflow;
}

export function workflowOf(repo: RepoRecord, name: WorkflowName): WorkflowRecord | undefined {
  return repo.workflows.find((workflow) => workflow.name === name);
}

/** What starts a run. */
export interface RunTrigger {
  workflow: WorkflowRecord;
  event: RunEvent;
  headBranch: string;
  headSha: string;
  title: string;
  actor: Account;
  createdAt: number;
  pull: number | null;
}

/** A run with no jobs yet, queued at its creation. */
export function newRun(trigger: RunTrigger): WorkflowRunRecord {
  return {
    id: 0,
    workflow: trigger.workflow,
    checkSuiteId: 0,
    displayTitle: trigger.title,
    event: trigger.event,
    headBranch: trigger.headBranch,
    headSha: trigger.headSha,
    runNumber: 0,
    runAttempt: 1,
    status: "queued",
    conclusion: null,
    actor: trigger.actor,
    triggeringActor: trigger.actor,
    createdAt: trigger.createdAt,
    runStartedAt: trigger.createdAt,
    updatedAt: trigger.createdAt,
    pull: trigger.pull,
    jobs: [],
    earlierAttempts: [],
  };
}

const CI_JOBS = ["build", "test", "lint"] as const;

/**
 * Runs one attempt of `run` from `startAt` with the given jobs: each job starts within 20 s and
 * takes 30 s–8 min; `outcome` failure fails one job (the others succeed), cancelled cancels them.
 * A job not finished by `now` is in progress (queued if not started): so is the run.
 */
export function runAttempt(
  run: WorkflowRunRecord,
  names: readonly string[],
  startAt: number,
  outcome: Exclude<RunConclusion, null>,
  rng: Rng,
  now: number,
): void {
  const attempt = run.runAttempt;
  const failing = outcome === "failure" ? rng.int(0, names.length - 1) : -1;
  let end = startAt;
  for (const [index, name] of names.entries()) {
    const startedAt = startAt + rng.int(1, 20);
    const completedAt = startedAt + rng.int(30, 8 * MINUTE);
    const conclusion: RunConclusion =
      outcome === "cancelled" ? "cancelled" : index === failing ? "failure" : "success";
    const job: JobRecord = {
      id: 0,
      name,
      runAttempt: attempt,
      status: completedAt <= now ? "completed" : startedAt <= now ? "in_progress" : "queued",
      conclusion: completedAt <= now ? conclusion : null,
      createdAt: startAt,
      startedAt,
      completedAt: completedAt <= now ? completedAt : null,
    };
    run.jobs.push(job);
    end = Math.max(end, completedAt);
  }
  run.runStartedAt = startAt;
  settleRun(run, end + rng.int(2, 10), outcome, now);
}

/** The run's status from its latest attempt's jobs; completed ones end at `endAt`. */
export function settleRun(run: WorkflowRunRecord, endAt: number, outcome: RunConclusion, now: number): void {
  const latest = run.jobs.filter((job) => job.runAttempt === run.runAttempt);
  if (latest.every((job) => job.status === "completed") && endAt <= now) {
    run.status = "completed";
    run.conclusion = outcome;
    run.updatedAt = endAt;
  } else {
    run.status = latest.some((job) => job.status !== "queued") ? "in_progress" : "queued";
    run.conclusion = null;
    run.updatedAt = Math.max(
      run.runStartedAt,
      ...latest.map((job) => (job.status === "queued" ? 0 : job.startedAt)),
    );
  }
}

/** Re-runs every job of a completed run as attempt `runAttempt + 1`, starting at `startAt`. */
export function rerun(
  run: WorkflowRunRecord,
  startAt: number,
  outcome: Exclude<RunConclusion, null>,
  rng: Rng,
  now: number,
): void {
  const names = run.jobs.filter((job) => job.runAttempt === run.runAttempt).map((job) => job.name);
  run.earlierAttempts.push({
    attempt: run.runAttempt,
    conclusion: run.conclusion,
    runStartedAt: run.runStartedAt,
    updatedAt: run.updatedAt,
  });
  run.runAttempt += 1;
  runAttempt(run, names, startAt, outcome, rng, now);
}

function ciOutcome(rng: Rng): Exclude<RunConclusion, null> {
  return rng.weighted<Exclude<RunConclusion, null>>([
    ["success", 85],
    ["failure", 12],
    ["cancelled", 3],
  ]);
}

/** Who pushed a default-branch commit: the merger of its pull request, else its git author. */
export function pusher(world: World, repo: RepoRecord, commit: CommitRecord, rng: Rng): Account {
  const merged = commit.pull ? repo.threads[commit.pull - 1]?.pull?.mergedBy : null;
  const author = commit.author.account;
  if (merged) return merged;
  if (author && author.type !== "Organization") return author;
  return rng.pick(world.members);
}

/** The triggers of CI in the window: pushes to the default branch and pull request heads. */
function ciTriggers(world: World, repo: RepoRecord, ci: WorkflowRecord, rng: Rng, window: DeliveryWindow) {
  const triggers: RunTrigger[] = [];
  const recent = repo.branch.filter((commit) => commit.committedAt >= window.from);
  for (let i = 0; i < recent.length;) {
    const group = recent.slice(i, i + rng.int(1, 5));
    i += group.length;
    const last = group[group.length - 1];
    if (!last) continue;
    triggers.push({
      workflow: ci,
      event: "push",
      headBranch: repo.defaultBranch,
      headSha: last.sha,
      title: last.message.split("\n")[0] ?? "",
      actor: pusher(world, repo, last, rng),
      createdAt: last.committedAt + rng.int(2, 20),
      pull: null,
    });
  }
  for (const thread of repo.threads) {
    const pull = thread.pull;
    if (!pull || thread.createdAt < window.from) continue;
    const heads = [
      { sha: pull.headPushes[0]?.before ?? pull.headSha, at: thread.createdAt },
      ...pull.headPushes.map((push) => ({ sha: push.after, at: push.at })),
    ];
    for (const head of heads)
      triggers.push({
        workflow: ci,
        event: "pull_request",
        headBranch: pull.headRef,
        headSha: head.sha,
        title: thread.title,
        actor: thread.user,
        createdAt: head.at + rng.int(5, 60),
        pull: thread.number,
      });
  }
  return triggers.filter((trigger) => trigger.createdAt <= window.to);
}

/** CI runs of the repository (the newest `cap`), each with its jobs and maybe a re-run. */
export function generateCiRuns(
  world: World,
  repo: RepoRecord,
  ci: WorkflowRecord,
  rng: Rng,
  window: DeliveryWindow,
  cap: number,
): WorkflowRunRecord[] {
  const triggers = ciTriggers(world, repo, ci, rng, window)
    .sort((a, b) => a.createdAt - b.createdAt)
    .slice(-cap);
  return triggers.map((trigger) => {
    const run = newRun(trigger);
    const names = rng.shuffle(CI_JOBS).slice(0, rng.int(1, 3));
    const outcome = ciOutcome(rng);
    runAttempt(run, names, trigger.createdAt + rng.int(3, 30), outcome, rng, window.to);
    const again = run.updatedAt + rng.int(5, 120) * MINUTE;
    if (outcome === "failure" && run.status === "completed" && rng.chance(0.5) && again < window.to)
      rerun(run, again, rng.chance(0.8) ? "success" : "failure", rng, window.to);
    return run;
  });
}
