/**
 * The notification side of a process: a worker on the `notify` queue that runs dispatch passes,
 * the cron tick that runs one every minute (retries fall due, rows the goals code wrote), and
 * `kickDispatch` for code that just wrote a notification and wants it out now. Email is only
 * planned when SMTP_URL is set; without it no email work exists at all.
 */
import type { Settings } from "../config/settings.js";
import type { JobQueue } from "../jobs/queue.js";
import { QUEUES } from "../jobs/queue.js";
import type { Database } from "../store/database.js";
import type { Logger } from "../util/logger.js";
import { SecretBox } from "../util/secret-box.js";
import type { DispatchEnv } from "./dispatch-env.js";
import { dispatchReady } from "./dispatcher.js";
import { createMailer } from "./mailer.js";
import { DEFAULT_RETRY_POLICY } from "./retry-policy.js";
import { createPoster } from "./safe-request.js";

/** Connect, send and answer: a receiver slower than this counts as a failed attempt. */
const REQUEST_TIMEOUT_MS = 10_000;

export function dispatchEnvFor(settings: Settings, database: Database, log: Logger): DispatchEnv {
  return {
    db: database.db,
    log,
    mailer: settings.smtpUrl ? createMailer(settings.smtpUrl, settings.emailFrom) : undefined,
    post: createPoster({ allowPrivate: settings.allowPrivateWebhooks, timeoutMs: REQUEST_TIMEOUT_MS }),
    secrets: settings.secretKey ? new SecretBox(settings.secretKey) : undefined,
    now: () => new Date(),
    policy: DEFAULT_RETRY_POLICY,
  };
}

export async function startNotifications(
  settings: Settings,
  database: Database,
  queue: JobQueue,
  log: Logger,
  options: { schedule: boolean },
): Promise<{ close(): void }> {
  const env = dispatchEnvFor(settings, database, log);
  if (!env.mailer) log.info("email notifications are off: SMTP_URL is not set");
  await queue.work(QUEUES.notify, 1, async () => {
    await dispatchReady(env);
  });
  if (options.schedule) await queue.schedule(QUEUES.notify, settings.notifyCron);
  return { close: () => env.mailer?.close() };
}

/** Asks a worker to dispatch now (best effort: the cron tick is the safety net). */
export async function kickDispatch(queue: JobQueue, log: Logger): Promise<void> {
  await queue
    .send(QUEUES.notify, {})
    .catch((error: unknown) => log.debug({ err: error }, "could not queue a dispatch"));
}
