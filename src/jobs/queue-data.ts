/**
 * What each queue's jobs carry (pg-boss job data), parsed before a handler sees it: data that do
 * not parse fail their queue job at once with an error naming the queue and the field, never run
 * on undefined fields. A cron tick or a debounced send carries `{}`.
 */
import { z } from "zod";
import { GhsyncError } from "../util/errors.js";
import type { QueueName } from "./queue.js";

const recordId = z.number().int().positive();
/** The `sync_jobs` record a job carries; absent for a cron tick, whose job makes its own record. */
const maybeRecord = z.object({ syncJobId: recordId.optional() });
const empty = z.object({});

// Keyed by the queue names of queue.ts (`satisfies` checks every queue has its schema).
export const QUEUE_DATA = {
  sync: z.object({ syncJobId: recordId }),
  reconcile: maybeRecord,
  "process-webhook-delivery": z.object({ deliveryId: recordId }),
  "redelivery-sweep": maybeRecord,
  "dispatch-notifications": empty,
  "evaluate-goals": empty,
  "goal-rollover": empty,
  "metric-snapshots": maybeRecord,
  verify: maybeRecord,
} satisfies Record<QueueName, z.ZodType>;

export type QueueData<N extends QueueName> = z.infer<(typeof QUEUE_DATA)[N]>;

export function parseQueueData<N extends QueueName>(
  name: N,
  queueJobId: string,
  data: unknown,
): QueueData<N> {
  const parsed = QUEUE_DATA[name].safeParse(data ?? {});
  // The schema picked by a generic key: TypeScript cannot tie its output to the key's type.
  if (parsed.success) return parsed.data as QueueData<N>;
  throw new GhsyncError(
    "invalid_job_data",
    `the data of ${name} job ${queueJobId} do not parse: ${z.prettifyError(parsed.error)}`,
  );
}
