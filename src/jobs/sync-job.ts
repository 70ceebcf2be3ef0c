/**
 * Runs one `sync` queue job: a backfill or incremental sync of one repository, through the same
 * `runSync` as `ghsync sync`. At most one sync per repository runs at a time across all workers:
 * the job holds the repository's lock (a PostgreSQL advisory lock, released by the server if the
 * worker dies) for as long as it works. A job never blocks a worker on a rate-limit reset or a
 * shutdown: it hands its record back to the queue and resumes from its checkpoints.
 */
import { eq } from "drizzle-orm";
import type { ClientHandle } from "../github/create-client.js";
import { announceSyncCompleted } from "../notify/announce-sync.js";
import { kickDispatch } from "./notify-jobs.js";
import type { Database, Db } from "../store/database.js";
import { installationOf, installationUnavailable } from "../store/installations.js";
import { repositories } from "../store/schema.js";
import { forgetReadState } from "../store/checkpoints.js";
import {
  claimJob,
  finishJob,
  loadJob,
  mergeJobParams,
  type JobTally,
  type SyncJobRow,
} from "../store/sync-jobs.js";
import { setTracked } from "../store/tracking.js";
import { parseDepth } from "../sync/depth.js";
import { Progress } from "../sync/progress.js";
import { reserveRepository } from "../sync/sync-repository.js";
import { emptyCounts } from "../sync/context.js";
import { resolveRepository } from "../sync/run-sync.js";
import { systemClock, type Clock } from "../util/clock.js";
import { GhsyncError, InterruptedError, RateLimitWaitError } from "../util/errors.js";
import type { Logger } from "../util/logger.js";
import { classifyFailure } from "./classify-failure.js";
import { carryOver, type QueueAccess } from "./enqueue.js";
import { requestGoalEvaluation } from "./goal-jobs.js";
import { parseJobParams } from "./job-params.js";
import type { EventBus } from "./events.js";
import { syncLockKey } from "./locks.js";
import { syncThenEvaluateGoals } from "./sync-then-evaluate.js";
import type { JobQueue } from "./queue.js";
import { retryResumeAt } from "./retry-delay.js";

export interface WorkerEnv {
  database: Database;
  queue: JobQueue;
  github: ClientHandle;
  events: EventBus;
  log: Logger;
  /** `host:pid`, recorded on the jobs this process runs. */
  worker: string;
  /** Aborted when the process shuts down: running jobs stop at the next request. */
  shutdown: AbortSignal;
  /** Longest rate-limit wait a job does in place before handing itself back (default 30 s). */
  maxWaitMs?: number;
  /** Reads the time for resume times and the client's rate-limit waits (default: the real clock). */
  clock?: Clock;
  /** The share of the hourly points a verification spends an hour (GHSYNC_VERIFY_BUDGET; default 0.1). */
  verifyBudgetShare?: number;
  /** The share of the hourly points the scheduler's polling spends (GHSYNC_POLL_BUDGET; default 0.2). */
  pollBudgetShare?: number;
  /** A repository with a change waiting is synced after this long whatever the budget (default 6 h). */
  maxStalenessMs?: number;
}

/** Retryable failures (GitHub 5xx after the client's own retries, network) get this many runs. */
const MAX_ATTEMPTS = 5;
/** How often live progress is published per job. */
const PROGRESS_INTERVAL_MS = 250;

export async function runSyncJob(env: WorkerEnv, queueJobId: string, syncJobId: number): Promise<void> {
  const db = env.database.db;
  const access: QueueAccess = { db, queue: env.queue };
  const record = await loadJob(db, syncJobId);
  // Not pending, or carried by another queue job: a duplicate delivery, nothing to do.
  if (!record || record.queueJobId !== queueJobId || !["queued", "waiting"].includes(record.status)) return;
  try {
    await runRecord(env, access, queueJobId, record);
  } catch (error) {
    // A failure outside the sync itself (before the claim, or loading the repository): settled by
    // the same rule, on the record as it is now — left pending, the recovery sweep would run a
    // bug again and again.
    const current = await loadJob(db, record.id);
    if (!current || !["queued", "waiting", "running"].includes(current.status)) throw error;
    const unclaimed = current.status !== "running";
    await settleFailure(env, access, current, error, NO_TALLY, current.target ?? "", unclaimed);
  }
}

const NO_TALLY: JobTally = { counts: {}, requests: 0, notModified: 0, pointsUsed: 0 };

async function runRecord(
  env: WorkerEnv,
  access: QueueAccess,
  queueJobId: string,
  record: SyncJobRow,
): Promise<void> {
  const db = env.database.db;
  const params = parseJobParams(record, "backfill", "incremental");
  const clock = env.clock ?? systemClock;

  // A repository an App installation gives access to is read with that installation's token.
  const installationId =
    params.installationId ??
    (record.repositoryId !== null ? await installationOf(db, record.repositoryId) : undefined);
  const unavailable =
    installationId !== undefined ? await installationUnavailable(db, installationId) : undefined;
  if (unavailable?.deleted) {
    await finishJob(db, record, { status: "failed", error: unavailable.reason });
    return;
  }
  if (unavailable) {
    // Waiting, not failing: a suspended installation may come back (its jobs then resume).
    await carryOver(access, record, {
      status: "waiting",
      reason: unavailable.reason,
      resumeAt: new Date(clock.now() + 15 * 60_000),
    });
    return;
  }
  const limits = { signal: env.shutdown, maxWaitMs: env.maxWaitMs ?? 30_000, clock };
  const client =
    installationId !== undefined && env.github.app
      ? await env.github.withCredential(env.github.app.installation(installationId), limits)
      : env.github.fork(limits);
  const progress = new Progress();
  const counts = emptyCounts();
  const deps = { db, client, log: env.log, progress, counts };
  const tally = (): JobTally => ({
    counts: { ...counts },
    requests: client.counters.requests,
    notModified: client.counters.notModified,
    pointsUsed: client.counters.pointsUsed,
  });
  let repositoryId = record.repositoryId ?? undefined;
  let fullName = record.target ?? "";
  // Reserved before the name is resolved: that first request is not the whole run (progress.ts).
  reserveRepository(progress, fullName);
  try {
    if (repositoryId === undefined) {
      const resolved = await resolveRepository(deps, fullName);
      if (!resolved)
        throw new GhsyncError("unknown_repository", `repository ${fullName} was deleted on GitHub`);
      repositoryId = resolved.id;
      fullName = resolved.fullName;
    }
  } catch (error) {
    await settleFailure(env, access, record, error, tally(), fullName, true);
    return;
  }

  const resolvedId = repositoryId;
  const lock = await env.database.tryLock(syncLockKey(resolvedId));
  if (!lock) {
    await carryOver(access, record, {
      status: "queued",
      reason: "another worker is syncing this repository; runs after it",
      resumeAt: new Date(clock.now() + 15_000),
      tally: tally(),
    });
    return;
  }
  try {
    // Claimed and tracked in one transaction: the repositories list shows a track request by its
    // name until the job takes its repository, then the tracked row — never neither (issue 22).
    const running = await db.transaction(async (tx) => {
      const claimed = await claimJob(tx, record.id, queueJobId, env.worker, resolvedId);
      if (claimed && params.track) await setTracked(tx, resolvedId, true, params.depth);
      if (claimed && params.refetch) return startRefetch(tx, claimed, resolvedId);
      return claimed;
    });
    if (!running) return;
    const [repo] = await db.select().from(repositories).where(eq(repositories.id, repositoryId));
    if (!repo) throw new GhsyncError("unknown_repository", `repository ${fullName} is not in the mirror`);
    fullName = repo.fullName;
    const depth = parseDepth(params.depth ?? repo.syncDepth ?? "30d");
    env.events.publish({
      type: "sync:start",
      job_id: running.id,
      job_type: running.type,
      repository: fullName,
      worker: env.worker,
    });
    const stopProgress = publishProgress(env, progress, running.id, fullName);
    const started = Date.now();
    try {
      await syncThenEvaluateGoals(
        { ...deps, parallelRepositories: 1 },
        [
          {
            repositories: [repo.fullName],
            depth,
            installationId: params.installationId,
            refresh: params.refresh,
          },
        ],
        () => requestGoalEvaluation(env.queue, env.log),
      );
      stopProgress();
      // A backfill's sync.completed notifications commit with its completion (the outbox): a crash
      // can neither lose them nor announce a job that did not finish.
      const { finished, announced } = await db.transaction(async (tx) => {
        await finishJob(tx, running, { status: "completed", tally: tally() });
        const row = await loadJob(tx, running.id);
        return { finished: row, announced: row ? await announceSyncCompleted(tx, row, fullName) : 0 };
      });
      if (announced > 0) await kickDispatch(env.queue, env.log);
      env.events.publish({
        type: "sync:complete",
        job_id: running.id,
        repository: fullName,
        counts: finished?.counts ?? {},
        requests: finished?.requests ?? 0,
        points_used: finished?.pointsUsed ?? 0,
        duration_ms: Date.now() - started,
      });
    } catch (error) {
      stopProgress();
      await settleFailure(env, access, running, error, tally(), fullName);
    }
  } finally {
    await lock.release();
  }
}

/**
 * Carries a job over (rate limit, shutdown, a transient failure) or marks it failed: a failure
 * that is not transient (jobs/classify-failure.ts) fails on its first attempt.
 */
async function settleFailure(
  env: WorkerEnv,
  access: QueueAccess,
  job: SyncJobRow,
  error: unknown,
  tally: JobTally,
  repository: string,
  unclaimed = false,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const base = { type: "sync:error" as const, job_id: job.id, repository, error: message };
  if (error instanceof RateLimitWaitError) {
    await carryOver(access, job, {
      status: "waiting",
      reason: message,
      resumeAt: error.resumeAt,
      tally,
      countAttempt: unclaimed,
    });
    env.events.publish({ ...base, status: "waiting", resume_at: error.resumeAt.toISOString() });
    return;
  }
  if (error instanceof InterruptedError) {
    await carryOver(access, job, {
      status: "queued",
      reason: `interrupted (${message}); resumes from its checkpoints`,
      tally,
    });
    env.events.publish({ ...base, status: "queued", resume_at: null });
    return;
  }
  const failure = classifyFailure(error);
  if (failure.transient && job.attempts < MAX_ATTEMPTS) {
    const resumeAt = retryResumeAt(env.clock ?? systemClock, job.attempts);
    await carryOver(access, job, {
      status: "queued",
      reason: `retrying after: ${failure.message}`,
      resumeAt,
      tally,
      countAttempt: unclaimed,
    });
    env.events.publish({ ...base, status: "queued", resume_at: resumeAt.toISOString() });
    return;
  }
  env.log.error({ job: job.id, repository, err: error }, "sync job failed");
  // A record still pending (never claimed) is failed the same way, and what it tried is a run: a
  // failed job never says it made no attempt (issue 20, finding 6).
  await finishJob(env.database.db, job, {
    status: "failed",
    error: failure.message,
    tally,
    countAttempt: unclaimed,
  });
  env.events.publish({ ...base, error: failure.message, status: "failed", resume_at: null });
}

function publishProgress(env: WorkerEnv, progress: Progress, jobId: number, repository: string): () => void {
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  const send = () => {
    timer = undefined;
    last = Date.now();
    const snapshot = progress.snapshot();
    env.events.publish({
      type: "sync:progress",
      job_id: jobId,
      repository,
      entity: snapshot.current?.split(" ").at(-1) ?? null,
      done: snapshot.done,
      total: snapshot.total,
      percent: snapshot.percent,
      eta_s: snapshot.etaSeconds,
      waiting_until: snapshot.waitingUntil?.toISOString() ?? null,
    });
  };
  const unsubscribe = progress.subscribe(() => {
    if (timer) return;
    timer = setTimeout(send, Math.max(0, PROGRESS_INTERVAL_MS - (Date.now() - last)));
  });
  return () => {
    unsubscribe();
    if (timer) {
      clearTimeout(timer);
      send();
    }
  };
}

/** A re-read starts: the repository's read state is forgotten, once (job-params.ts, `refetch`). */
async function startRefetch(tx: Db, job: SyncJobRow, repositoryId: number): Promise<SyncJobRow | undefined> {
  const [repo] = await tx
    .select({ id: repositories.id, fullName: repositories.fullName })
    .from(repositories)
    .where(eq(repositories.id, repositoryId));
  if (repo) await forgetReadState(tx, repo);
  return mergeJobParams(tx, job, { refetch: false });
}
