/**
 * The job queue: pg-boss on the application's own database (the embedded server or
 * DATABASE_URL's), through its pool, so jobs run the same way in one process and across machines. pg-boss delivers jobs (priorities, polling with
 * SKIP LOCKED, cron with one send per tick however many processes run); the `sync_jobs` record and
 * the per-repository lock (see sync-job.ts) carry what users see and the one-sync-per-repository rule.
 */
import PgBoss from "pg-boss";
import type { Database } from "../store/database.js";
import type { Logger } from "../util/logger.js";
import { parseQueueData, type QueueData } from "./queue-data.js";
import { guardUnawaitedStatements } from "./unawaited-statements.js";

/** Queues by job family; priorities order the jobs within one. */
export const QUEUES = {
  /** backfill and incremental syncs of one repository each */
  sync: "sync",
  /** queue an incremental sync of every tracked repository */
  reconcile: "reconcile",
  /** apply an inbox delivery (the retry and crash-recovery path; the receiver applies at once) */
  webhook: "process-webhook-delivery",
  /** ask GitHub to redeliver the App's failed deliveries (GitHub App only) */
  redelivery: "redelivery-sweep",
  /** fan undispatched notifications out to email, chat and outgoing webhooks (notify/) */
  notify: "dispatch-notifications",
  /** recount the goals that activity may have moved (debounced: one run per burst) */
  evaluateGoals: "evaluate-goals",
  /** close the goal periods that ended (history) and start the next ones */
  goalRollover: "goal-rollover",
  /** write the day's metric snapshots (metrics/snapshots.ts) */
  snapshots: "metric-snapshots",
  /** check mirrored rows against GitHub and repair them (sync/run-verify.ts) */
  verify: "verify",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** The queue that runs a `sync_jobs` record of this type. */
export function queueOf(type: string): QueueName {
  if (type === "reconcile") return QUEUES.reconcile;
  if (type === "redelivery_sweep") return QUEUES.redelivery;
  if (type === "metric_snapshots") return QUEUES.snapshots;
  if (type === "verify") return QUEUES.verify;
  return QUEUES.sync;
}

/** Within the sync queue: an incremental (fresh activity) runs before a long backfill. */
export const PRIORITY = { incremental: 20, backfill: 10 } as const;

export interface QueueOptions {
  /** Run the cron monitor (the scheduler) in this process. */
  schedule: boolean;
  /** Seconds between cron checks (pg-boss sends each tick once, whoever checks). */
  cronMonitorIntervalSeconds?: number;
}

export class JobQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly log: Logger,
  ) {}

  static async open(database: Database, log: Logger, options: QueueOptions): Promise<JobQueue> {
    const boss = new PgBoss({
      db: {
        executeSql: guardUnawaitedStatements((text, values) => database.executeSql(text, values), log),
      },
      schedule: options.schedule,
      // Checked often so a tick fires within seconds of its minute; pg-boss dedupes per minute.
      cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds ?? 10,
      cronWorkerIntervalSeconds: 2,
      // A dead worker's job is found by the recovery sweep (sync-job.ts), not by expiry; expiry is
      // only the last resort for a handler that hangs.
      expireInHours: 23,
      retentionDays: 7,
      deleteAfterDays: 7,
    });
    boss.on("error", (error) => log.warn({ err: error }, "job queue error"));
    // pg-boss installs its schema on first start, and processes starting together race to do it
    // ("duplicate key … pg_namespace_nspname_index"): one at a time.
    await database.exclusive("pg-boss setup", async () => {
      await boss.start();
      for (const name of Object.values(QUEUES)) {
        // Retries are decided by the job handlers (visible in sync_jobs); the queue delivers once.
        await boss.createQueue(name, { name, policy: "standard", retryLimit: 0 });
      }
    });
    return new JobQueue(boss, log);
  }

  async send<N extends QueueName>(
    name: N,
    data: QueueData<N>,
    options: { id?: string; priority?: number; startAfter?: Date | undefined } = {},
  ): Promise<string> {
    const id = await this.boss.send(name, data, {
      ...(options.id ? { id: options.id } : {}),
      ...(options.priority !== undefined ? { priority: options.priority } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    });
    if (!id) throw new Error(`the job queue refused a ${name} job`);
    return id;
  }

  /**
   * Sends a job unless one with `key` is already waiting for the next `seconds`-long slot: a
   * burst of requests becomes one run shortly after it.
   */
  async sendDebounced(name: QueueName, key: string, seconds: number): Promise<void> {
    await this.boss.sendDebounced(name, {}, {}, seconds, key);
  }

  /**
   * Whether a queue job is still to run: created, retry, or active — for less than
   * `activeFor.limit` ms at `activeFor.now` when given (an older active job, whose handler lost its
   * database, is cancelled here so the queue does not hold it until it expires).
   */
  async isPending(name: QueueName, id: string, activeFor?: { limit: number; now: number }): Promise<boolean> {
    const job = await this.boss.getJobById(name, id);
    if (job === null) return false;
    if (job.state === "created" || job.state === "retry") return true;
    if (job.state !== "active") return false;
    const since = job.startedOn ? new Date(job.startedOn).getTime() : activeFor?.now;
    if (!activeFor || since === undefined || activeFor.now - since < activeFor.limit) return true;
    await this.boss.cancel(name, id);
    return false;
  }

  /**
   * `concurrency` independent workers on one queue; each takes one job at a time, its data parsed
   * first (queue-data.ts). A handler's error is logged with its stack and fails the queue job
   * (never retried by the queue: retries are the handlers' decision).
   */
  async work<N extends QueueName>(
    name: N,
    concurrency: number,
    handler: (queueJobId: string, data: QueueData<N>) => Promise<void>,
  ): Promise<void> {
    for (let i = 0; i < concurrency; i++) {
      await this.boss.work(name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async (jobs) => {
        for (const job of jobs) {
          try {
            await handler(job.id, parseQueueData(name, job.id, job.data));
          } catch (error) {
            this.log.error({ err: error, queue: name, job: job.id }, `a ${name} job failed`);
            throw error;
          }
        }
      });
    }
  }

  async schedule(name: QueueName, cron: string): Promise<void> {
    await this.boss.schedule(name, cron, {}, { tz: "UTC" });
  }

  async unschedule(name: QueueName): Promise<void> {
    await this.boss.unschedule(name);
  }

  /** Jobs waiting to start in a queue (for health and metrics). */
  async size(name: QueueName): Promise<number> {
    return this.boss.getQueueSize(name);
  }

  /** Stops fetching; waits (up to `timeoutMs`) for handlers in flight, which end at a request boundary. */
  async stop(timeoutMs = 30_000): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: timeoutMs, wait: true, close: false });
    this.log.debug("job queue stopped");
  }
}
