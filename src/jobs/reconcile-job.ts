/**
 * Reconciliation, the scheduler of `serve` (fired by GHSYNC_RECONCILE_CRON and at start-up): it
 * asks GitHub what changed in each organization with tracked repositories (change detection: a few
 * calls whatever the number of repositories, sync/changes/), then queues the syncs due within the
 * polling budget (poll-plan.ts). A repository no detection covers (its owner is a user, or it is
 * read through an App installation) is polled every UNWATCHED_EVERY_MS as before.
 *
 * `POST /api/sync/reconcile` asks for everything at once: an incremental sync of every tracked
 * repository (an ETag poll per list, 0 points when nothing changed), a backfill where one is owed.
 */
import {
  changeSyncCost,
  pollPointsLastHour,
  trackedPollStates,
  type PollState,
} from "../store/poll-state.js";
import { needsBackfill, trackedRepositories } from "../store/tracking.js";
import { Progress } from "../sync/progress.js";
import { detectTrackedChanges } from "../sync/run-sync.js";
import { systemClock } from "../util/clock.js";
import { enqueueSync } from "./enqueue.js";
import { parseJobParams } from "./job-params.js";
import { runMaintenanceJob, type MaintenanceMeter } from "./maintenance-job.js";
import { planPolls } from "./poll-plan.js";
import { readTeamsWhenDue } from "./reconcile-teams.js";
import type { WorkerEnv } from "./sync-job.js";

/** How often a repository no change detection covers is polled (the old reconciliation's cadence). */
export const UNWATCHED_EVERY_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;
/** An owner whose change detection failed is tried again after this long (and logged once). */
const DETECTION_RETRY_MS = HOUR_MS;

/** Owners (lower-case) whose detection failed, and when to try again: this process's memory. */
const unwatchable = new Map<string, number>();

export async function runReconcileJob(
  env: WorkerEnv,
  queueJobId: string,
  syncJobId: number | undefined,
): Promise<void> {
  await runMaintenanceJob(env, queueJobId, syncJobId, "reconcile", async (meter, record) => {
    const { trigger } = parseJobParams(record, "reconcile");
    return trigger === "api" ? reconcileEverything(env) : schedulePolls(env, meter, trigger);
  });
}

async function reconcileEverything(env: WorkerEnv): Promise<Record<string, unknown>> {
  const db = env.database.db;
  const tracked = await trackedRepositories(db);
  let queued = 0;
  for (const repo of tracked) {
    const type = (await needsBackfill(db, repo.id)) ? "backfill" : "incremental";
    const { joined } = await enqueueSync({ db, queue: env.queue }, { type, repositoryId: repo.id });
    if (!joined) queued++;
  }
  return { repositories: tracked.length, queued };
}

async function schedulePolls(
  env: WorkerEnv,
  meter: MaintenanceMeter,
  trigger: "schedule" | "startup" | undefined,
): Promise<Record<string, unknown>> {
  const db = env.database.db;
  const clock = env.clock ?? systemClock;
  const client = env.github.fork({ signal: env.shutdown, maxWaitMs: env.maxWaitMs ?? 30_000, clock });
  meter.tally = () => ({ counts: {}, ...client.counters });
  const deps = { db, client, log: env.log, progress: new Progress(), clock };

  const watched = new Set<number>();
  let watchedOwners = 0;
  /** Repositories detection found changed, and those a full pass asked to poll. */
  let changed = 0;
  let fullPass = 0;
  for (const [owner, ids] of detectableOwners(await trackedPollStates(db))) {
    if ((unwatchable.get(owner) ?? 0) > clock.now()) continue;
    try {
      const plan = await detectTrackedChanges(deps, owner, ids);
      await plan.settle();
      for (const id of ids) watched.add(id);
      watchedOwners++;
      if (plan.kind === "full") fullPass += plan.targets.length;
      else changed += plan.targets.length;
      unwatchable.delete(owner);
      await readTeamsWhenDue(deps, owner, clock.now());
    } catch (error) {
      if (env.shutdown.aborted) throw error;
      if (!unwatchable.has(owner))
        env.log.warn(
          { err: error, owner },
          `change detection of ${owner} failed: its repositories are polled every ${UNWATCHED_EVERY_MS / 60_000} minutes (tried again in an hour)`,
        );
      unwatchable.set(owner, clock.now() + DETECTION_RETRY_MS);
    }
  }

  const now = clock.now();
  const budgetPoints = Math.floor((env.pollBudgetShare ?? 0.2) * env.github.pool.hourlyPoints());
  const spentPoints = (await pollPointsLastHour(db, new Date(now))) + client.counters.pointsUsed;
  const states = await trackedPollStates(db);
  const plan = planPolls(states, {
    now,
    budgetPoints: budgetPoints - spentPoints,
    changeCost: await changeSyncCost(db),
    maxStalenessMs: env.maxStalenessMs ?? 6 * HOUR_MS,
    // Back from a stop: whatever no detection covers is polled now, not at its next turn.
    unwatchedEveryMs: trigger === "startup" ? 0 : UNWATCHED_EVERY_MS,
    watched,
  });
  let queued = 0;
  for (const pick of plan.picks) {
    const { joined } = await enqueueSync(
      { db, queue: env.queue },
      { type: pick.type, repositoryId: pick.id, params: { scheduled: true } },
    );
    if (!joined) queued++;
  }
  return {
    repositories: states.length,
    watched_owners: watchedOwners,
    changed,
    full_pass: fullPass,
    queued,
    deferred: plan.deferred,
    budget_points: budgetPoints,
    spent_points: spentPoints,
  };
}

/**
 * The owners change detection may cover, with their tracked repositories (a user's fails: it has
 * no organization list, and is polled). Not a repository read through an App installation: the
 * shared credentials may not see it, and the organization's list seen through the installation's
 * token holds only what it was granted.
 */
function detectableOwners(states: readonly PollState[]): Map<string, Set<number>> {
  const owners = new Map<string, Set<number>>();
  for (const state of states) {
    if (state.installationId !== null) continue;
    const owner = state.owner.toLowerCase();
    const ids = owners.get(owner) ?? new Set<number>();
    ids.add(state.id);
    owners.set(owner, ids);
  }
  return owners;
}
