/**
 * The job side of a process: the queue, its workers, the scheduler and the recovery sweep.
 * `ghsync serve` runs it with the scheduler, `ghsync worker` without; any number of either share
 * one PostgreSQL. `stop()` is the graceful shutdown: running jobs stop at their next request and
 * go back to the queue (nothing is lost, their checkpoints keep what they did).
 */
import { hostname } from "node:os";
import type { Settings } from "../config/settings.js";
import { createGitHubClient } from "../github/create-client.js";
import type { Database } from "../store/database.js";
import type { Logger } from "../util/logger.js";
import { EventBus } from "./events.js";
import { enqueueReconcile } from "./enqueue.js";
import { startGoalJobs } from "./goal-jobs.js";
import { JobQueue, QUEUES } from "./queue.js";
import { runMetricSnapshotsJob } from "./metric-snapshots-job.js";
import { runReconcileJob } from "./reconcile-job.js";
import { runVerifyJob } from "./verify-job.js";
import { runRedeliverySweep } from "./redelivery-sweep.js";
import { recoverDeliveries, recoverJobs } from "./recover.js";
import { processDelivery } from "./process-delivery.js";
import { runSyncJob, type WorkerEnv } from "./sync-job.js";
import { startNotifications } from "./notify-jobs.js";

export interface RunnerOptions {
  /** Sync jobs at once in this process. */
  concurrency: number;
  /** Run the cron scheduler here (serve), or only work (worker). */
  schedule: boolean;
}

export interface JobRunner {
  queue: JobQueue;
  events: EventBus;
  /** Why sync jobs cannot run here, if they cannot (no GitHub token). */
  disabled: string | undefined;
  stop(): Promise<void>;
}

export async function startJobRunner(
  settings: Settings,
  database: Database,
  log: Logger,
  options: RunnerOptions,
): Promise<JobRunner> {
  const queue = await JobQueue.open(database, log, { schedule: options.schedule });
  const events = new EventBus(database, log);
  const shutdown = new AbortController();
  const disabled =
    settings.githubTokens.length === 0 && !settings.githubAppId
      ? "no GitHub credential (set GITHUB_TOKEN, or GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY): sync jobs stay queued and reconciliation is not scheduled"
      : undefined;
  const deliveries = { database, queue, log, appConfigured: settings.githubAppId !== undefined };
  // Webhook deliveries need no GitHub credential: they are applied in any configuration.
  await queue.work(QUEUES.webhook, 2, async (_queueJobId, data) => {
    await processDelivery(deliveries, data.deliveryId);
  });
  // Notifications need no GitHub credential either.
  const notifications = await startNotifications(settings, database, queue, log, options);
  // Goals need no GitHub credential either: they count what the mirror holds.
  await startGoalJobs(settings, database, queue, events, log, { schedule: options.schedule });
  // Snapshots read only the database: they run in every configuration.
  const snapshotEnv = { database, log, worker: `${hostname()}:${process.pid}` };
  await queue.work(QUEUES.snapshots, 1, (queueJobId, data) =>
    runMetricSnapshotsJob(snapshotEnv, settings.botLogins, queueJobId, data.syncJobId),
  );
  if (options.schedule) await queue.schedule(QUEUES.snapshots, settings.snapshotCron);
  let flush: () => Promise<void> = async () => undefined;
  let env: WorkerEnv | undefined;
  if (disabled) {
    log.warn(disabled);
    if (options.schedule) {
      await queue.unschedule(QUEUES.reconcile);
      await queue.unschedule(QUEUES.verify);
    }
  } else {
    const github = await createGitHubClient(settings, database.db, log);
    flush = github.flush;
    env = {
      database,
      queue,
      github,
      events,
      log,
      worker: `${hostname()}:${process.pid}`,
      shutdown: shutdown.signal,
      verifyBudgetShare: settings.verifyBudgetShare,
      pollBudgetShare: settings.pollBudgetShare,
      maxStalenessMs: settings.maxStalenessS * 1_000,
      ...(settings.jobMaxWaitS !== undefined ? { maxWaitMs: settings.jobMaxWaitS * 1_000 } : {}),
    };
    const workerEnv = env;
    await queue.work(QUEUES.sync, options.concurrency, (queueJobId, data) =>
      runSyncJob(workerEnv, queueJobId, data.syncJobId),
    );
    await queue.work(QUEUES.reconcile, 1, (queueJobId, data) =>
      runReconcileJob(workerEnv, queueJobId, data.syncJobId),
    );
    await queue.work(QUEUES.verify, 1, (queueJobId, data) =>
      runVerifyJob(workerEnv, queueJobId, data.syncJobId),
    );
  }
  const sweepEnv = deliveries;
  const runSweep = async () => {
    if (env)
      await recoverJobs(env).catch((error: unknown) => log.warn({ err: error }, "job recovery failed"));
    await recoverDeliveries(sweepEnv).catch((error: unknown) =>
      log.warn({ err: error }, "delivery recovery failed"),
    );
  };
  await runSweep();
  const sweep = setInterval(() => void runSweep(), settings.recoveryIntervalS * 1_000);
  if (env?.github.app) {
    const workerEnv = env;
    await queue.work(QUEUES.redelivery, 1, (queueJobId, data) =>
      runRedeliverySweep(workerEnv, queueJobId, data.syncJobId),
    );
  }
  if (options.schedule) {
    // Maintenance that cannot run in this configuration is not scheduled at all.
    if (env?.github.app) await queue.schedule(QUEUES.redelivery, settings.redeliveryCron);
    else await queue.unschedule(QUEUES.redelivery);
  }
  if (env && options.schedule) {
    await queue.schedule(QUEUES.reconcile, settings.reconcileCron);
    await queue.schedule(QUEUES.verify, settings.verifyCron);
    // Start current: whatever changed while no process ran is picked up now, not at the next tick.
    await enqueueReconcile({ db: database.db, queue }, "startup");
  }

  return {
    queue,
    events,
    disabled,
    async stop() {
      clearInterval(sweep);
      shutdown.abort("the process is shutting down");
      await queue.stop();
      notifications.close();
      await events.close();
      await flush();
    },
  };
}
