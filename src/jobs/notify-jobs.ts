/**
 * The notification side of a process: a worker on the `notify` queue that runs dispatch passes,
 * the cron tick that runs one every minute (retries fall due, rows the goals code wrote), and
 * `kickDispatch` for code that just wrote a notification and wants it out now. Email is only
 * planned when SMTP_URL is set; without it no email work exists at all.
 */
import type { Settings } from "../config/settings.js";
import { dispatchEnvFor } from "../notify/dispatch-env-for.js";
import { dispatchReady } from "../notify/dispatcher.js";
import type { Database } from "../store/database.js";
import type { Logger } from "../util/logger.js";
import { QUEUES, type JobQueue } from "./queue.js";

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
