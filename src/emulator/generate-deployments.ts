/**
 * Deployments of one repository over the last 120 days, built around its incidents:
 *
 * - Incidents are existing closed issues (no thread is added: numbers and ids stay), labelled
 *   `incident`. For 3–5 of them a production deployment failed 5–60 min before the issue was
 *   opened, and the next production deployment — the restore — finished successfully exactly when
 *   the issue was closed (nothing else is deployed to production in between). 1–2 more are opened
 *   5–60 min after a successful production deployment and closed 1–48 h later.
 * - Between them, production deployments every 1–3 days (10% fail, so ≈ 15% in all); the tiny
 *   scale has two and no incidents. Each is preceded minutes earlier by a `staging` deployment of
 *   the same sha (5% fail; then there is no production deployment that time).
 * - A deployment deploys the head of the default branch at its creation (`headAt`); one `Deploy`
 *   run (event push) per pair, jobs `deploy-staging` and `deploy-production`.
 * - Statuses: `in_progress` ~1 min after creation, `success`/`failure` 3–10 min later, and
 *   `inactive` when the next deployment to the environment succeeds (GitHub's auto_inactive).
 */
import type {
  CommitRecord,
  DeploymentRecord,
  DeploymentState,
  IssueRecord,
  JobRecord,
  Label,
  RepoRecord,
  WorkflowRecord,
  WorkflowRunRecord,
  World,
} from "./world-types.js";
import type { Rng } from "./prng.js";
import type { DeliveryWindow } from "./generate-runs.js";
import { newRun, pusher } from "./generate-runs.js";
import { headAt } from "./world-queries.js";
import { DAY, HOUR, MINUTE } from "./time.js";

export const INCIDENT_LABEL = {
  name: "incident",
  color: "b60205",
  description: "Something is broken in production",
} as const;

interface Slot {
  at: number;
  outcome: "success" | "failure";
  /** Anchored slots end at a fixed time (an incident's opening or closing). */
  finalAt: number | null;
  /** Staging cannot fail (anchored slots, the tiny scale's two). */
  sure?: boolean;
}

interface Incident {
  thread: IssueRecord;
  tied: boolean;
  slots: Slot[];
}

/** Which repositories deploy: not `docs`, `design-system`, forks or archived ones. */
export function deploys(repo: RepoRecord): boolean {
  return !["docs", "design-system"].includes(repo.name) && !repo.fork && !repo.archived;
}

const duration = (rng: Rng) => MINUTE + rng.int(3 * MINUTE, 10 * MINUTE);

/** Closed issues of the window that become incidents, with their anchored deployment slots. */
function pickIncidents(repo: RepoRecord, rng: Rng, window: DeliveryWindow): Incident[] {
  const candidates = rng.shuffle(
    repo.threads.filter(
      (t) =>
        !t.pull &&
        !t.deleted &&
        t.closedAt !== null &&
        t.createdAt >= window.from + 2 * DAY &&
        t.closedAt <= window.to - HOUR,
    ),
  );
  const taken: [number, number][] = [];
  const free = (from: number, to: number) => taken.every(([a, b]) => to < a || from > b);
  const picked: Incident[] = [];
  const want = { tied: rng.int(3, 5), untied: rng.int(1, 2) };
  for (const tied of [true, false]) {
    let left = tied ? want.tied : want.untied;
    for (const thread of candidates) {
      const closedAt = thread.closedAt ?? 0;
      const length = closedAt - thread.createdAt;
      const fits = tied ? length >= 30 * MINUTE && length <= 3 * DAY : length >= HOUR && length <= 2 * DAY;
      if (left === 0 || !fits || !free(thread.createdAt - 3 * HOUR, closedAt + 2 * HOUR)) continue;
      taken.push([thread.createdAt - 3 * HOUR, closedAt + 2 * HOUR]);
      left--;
      const before = thread.createdAt - rng.int(5, 60) * MINUTE;
      const slots: Slot[] = [
        { at: before - duration(rng), outcome: tied ? "failure" : "success", finalAt: before },
      ];
      if (tied) slots.push({ at: closedAt - duration(rng), outcome: "success", finalAt: closedAt });
      picked.push({ thread, tied, slots });
    }
  }
  return picked;
}

/** Production slots: the incidents' and regular ones every 1–3 days outside them. */
function slots(repo: RepoRecord, rng: Rng, window: DeliveryWindow, sparse: boolean, incidents: Incident[]) {
  const last = window.to - 30 * MINUTE;
  if (sparse) {
    const first = Math.max(window.from, (repo.branch[0]?.committedAt ?? last) + HOUR);
    const middle = Math.floor((first + last) / 2);
    return [
      {
        at: first + Math.floor(rng.float() * (middle - first)),
        outcome: "success",
        finalAt: null,
        sure: true,
      },
      {
        at: middle + Math.floor(rng.float() * (last - middle)),
        outcome: "success",
        finalAt: null,
        sure: true,
      },
    ] satisfies Slot[];
  }
  const blocked = incidents.map((incident) => {
    const from = (incident.slots[0]?.at ?? 0) - HOUR;
    const to = incident.tied
      ? (incident.thread.closedAt ?? 0) + HOUR
      : incident.thread.createdAt + 10 * MINUTE;
    return [from, to] as const;
  });
  const out: Slot[] = incidents.flatMap((incident) => incident.slots);
  for (let at = window.from + rng.int(0, DAY); at <= last;) {
    const block = blocked.find(([from, to]) => at >= from && at <= to);
    if (block) {
      at = block[1] + rng.int(HOUR, DAY);
      continue;
    }
    out.push({ at, outcome: rng.chance(0.1) ? "failure" : "success", finalAt: null });
    at += rng.int(DAY, 3 * DAY);
  }
  return out.sort((a, b) => a.at - b.at);
}

interface Built {
  runs: WorkflowRunRecord[];
  deployments: DeploymentRecord[];
}

/** Deployments, their Deploy runs and incidents of a deploying repository. */
export function generateDeployments(
  world: World,
  repo: RepoRecord,
  deploy: WorkflowRecord,
  incidentLabel: Label,
  rng: Rng,
  window: DeliveryWindow,
  sparse: boolean,
): Built {
  const incidents = sparse ? [] : pickIncidents(repo, rng, window);
  const built: Built = { runs: [], deployments: [] };
  const done = new Set<Slot>();
  for (const slot of slots(repo, rng, window, sparse, incidents))
    if (deployPair(world, repo, deploy, slot, rng, built)) done.add(slot);
  for (const incident of incidents)
    if (incident.slots.every((slot) => done.has(slot))) labelIncident(incident.thread, incidentLabel);
  markInactive(built.deployments);
  return built;
}

/** The incident label, as given when the issue was opened (a `labeled` timeline event then). */
function labelIncident(thread: IssueRecord, label: Label): void {
  thread.labels.push(label);
  const at = thread.events.findIndex((event) => event.at > thread.createdAt);
  const event = { kind: "labeled" as const, at: thread.createdAt, actor: thread.user, label };
  thread.events.splice(at < 0 ? thread.events.length : at, 0, event);
}

/** The production time moved (never before) so that a staging deployment fits after its head commit. */
function placeProduction(repo: RepoRecord, at: number): { at: number; head: CommitRecord } | null {
  let production = at;
  for (;;) {
    const head = headAt(repo, production);
    if (!head) return null;
    if (head.committedAt < production - 1) return { at: production, head };
    production = head.committedAt + 2;
  }
}

/** One Deploy run: staging, then (unless staging failed) production. False without a commit to deploy. */
function deployPair(
  world: World,
  repo: RepoRecord,
  deploy: WorkflowRecord,
  slot: Slot,
  rng: Rng,
  built: Built,
): boolean {
  const placed = placeProduction(repo, slot.at);
  if (!placed) return false;
  const { head } = placed;
  const productionEnd = slot.finalAt ?? placed.at + duration(rng);
  const stagingLength = duration(rng);
  const stagingAt = Math.max(placed.at - stagingLength - rng.int(MINUTE, 5 * MINUTE), head.committedAt + 1);
  const stagingOk = slot.finalAt !== null || slot.sure === true || !rng.chance(0.05);
  const run = newRun({
    workflow: deploy,
    event: "push",
    headBranch: repo.defaultBranch,
    headSha: head.sha,
    title: head.message.split("\n")[0] ?? "",
    actor: pusher(world, repo, head, rng),
    createdAt: Math.max(stagingAt - rng.int(20, 90), head.committedAt),
    pull: null,
  });
  run.runStartedAt = run.createdAt + rng.int(2, 10);
  const stagingJob = job(
    run,
    "deploy-staging",
    Math.max(run.runStartedAt + 1, stagingAt - rng.int(5, 15)),
    stagingAt + stagingLength,
    stagingOk,
  );
  built.deployments.push(
    deployment(world, repo, "staging", head.sha, stagingAt, stagingAt + stagingLength, stagingOk, {
      run,
      job: stagingJob,
    }),
  );
  let ok = stagingOk;
  if (stagingOk) {
    const productionOk = slot.outcome === "success";
    const productionJob = job(
      run,
      "deploy-production",
      Math.max(stagingJob.startedAt, placed.at - rng.int(5, 15)),
      productionEnd,
      productionOk,
    );
    built.deployments.push(
      deployment(world, repo, "production", head.sha, placed.at, productionEnd, productionOk, {
        run,
        job: productionJob,
      }),
    );
    ok = productionOk;
  }
  run.status = "completed";
  run.conclusion = ok ? "success" : "failure";
  run.updatedAt = Math.max(...run.jobs.map((j) => j.completedAt ?? 0)) + rng.int(2, 5);
  built.runs.push(run);
  return true;
}

function job(
  run: WorkflowRunRecord,
  name: string,
  startedAt: number,
  completedAt: number,
  ok: boolean,
): JobRecord {
  const record: JobRecord = {
    id: 0,
    name,
    runAttempt: 1,
    status: "completed",
    conclusion: ok ? "success" : "failure",
    createdAt: run.runStartedAt,
    startedAt,
    completedAt,
  };
  run.jobs.push(record);
  return record;
}

/** `https://{repo}.{org}.example` (production) or `https://staging.…`. */
export function environmentUrl(repo: RepoRecord, environment: string): string {
  const host = `${repo.name}.${repo.owner.login.toLowerCase()}.example`;
  return environment === "production" ? `https://${host}` : `https://${environment}.${host}`;
}

/** A deployment by github-actions[bot] with its `in_progress` and final statuses. */
export function deployment(
  world: World,
  repo: RepoRecord,
  environment: string,
  sha: string,
  createdAt: number,
  endAt: number,
  ok: boolean,
  job: { run: WorkflowRunRecord; job: JobRecord } | null,
): DeploymentRecord {
  const creator = world.bots.actions;
  const status = (state: DeploymentState, at: number, description: string) => ({
    id: 0,
    state,
    creator,
    description,
    environmentUrl: environmentUrl(repo, environment),
    job,
    createdAt: at,
  });
  const started = Math.min(createdAt + MINUTE, Math.floor((createdAt + endAt) / 2));
  return {
    id: 0,
    sha,
    ref: repo.defaultBranch,
    task: "deploy",
    environment,
    creator,
    description: `Deploy ${sha.slice(0, 7)} to ${environment}`,
    createdAt,
    updatedAt: endAt,
    statuses: [
      status("in_progress", started, "Deployment started"),
      status(
        ok ? "success" : "failure",
        endAt,
        ok ? "Deployment finished successfully." : "Deployment failed.",
      ),
    ],
  };
}

/** A successful deployment turns the previous successful one of its environment `inactive`. */
export function markInactive(deployments: DeploymentRecord[]): void {
  const last = new Map<string, DeploymentRecord>();
  const finals = deployments
    .filter((d) => d.statuses.at(-1)?.state === "success")
    .sort((a, b) => (a.statuses.at(-1)?.createdAt ?? 0) - (b.statuses.at(-1)?.createdAt ?? 0));
  for (const current of finals) {
    const previous = last.get(current.environment);
    const at = current.statuses.at(-1)?.createdAt ?? current.createdAt;
    if (previous) {
      const template = previous.statuses.at(-1);
      if (template)
        previous.statuses.push({ ...template, id: 0, state: "inactive", description: "", createdAt: at });
      previous.updatedAt = at;
    }
    last.set(current.environment, current);
  }
}
