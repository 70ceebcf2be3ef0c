/**
 * Recovery of missed webhook deliveries (GitHub App only): GitHub does not retry a delivery it
 * failed to make, but keeps a log of them for 3 days. The sweep reads the App's delivery log
 * (`GET /app/hook/deliveries`, newest first) back to where the previous sweep stopped (minus an
 * overlap), and asks GitHub to redeliver (`POST /app/hook/deliveries/{id}/attempts`) every delivery
 * none of whose attempts succeeded and that the inbox has not applied. Where it stopped is kept in
 * its own `sync_jobs` record (`params.swept_until`).
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { GitHubClient } from "../github/client.js";
import { syncJobs, webhookDeliveries } from "../store/schema.js";
import type { Db } from "../store/database.js";
import { parseJobParams } from "./job-params.js";
import { runMaintenanceJob } from "./maintenance-job.js";
import type { WorkerEnv } from "./sync-job.js";

/** GitHub redelivers only within 3 days. */
const REDELIVERY_WINDOW_MS = 3 * 24 * 3_600_000;
/** Deliveries logged just before the previous sweep may still have been in flight then. */
const OVERLAP_MS = 10 * 60_000;

interface HookDelivery {
  id: number;
  guid: string;
  delivered_at: string;
  status_code: number;
}

export async function runRedeliverySweep(
  env: WorkerEnv,
  queueJobId: string,
  syncJobId: number | undefined,
): Promise<void> {
  const db = env.database.db;
  const app = env.github.app;
  if (!app) return;
  await runMaintenanceJob(env, queueJobId, syncJobId, "redelivery_sweep", async (meter) => {
    const client = await env.github.withCredential(app.jwt, { signal: env.shutdown });
    meter.tally = () => ({ counts: {}, ...client.counters });
    const sweptUntil = new Date();
    const since = new Date(
      Math.max(Date.now() - REDELIVERY_WINDOW_MS, (await previousSweep(db)) - OVERLAP_MS),
    );
    const failed = await undeliveredSince(client, since);
    const applied = await appliedGuids(db, [...failed.keys()]);
    let redelivered = 0;
    for (const [guid, delivery] of failed) {
      if (applied.has(guid)) continue;
      await client.post(`/app/hook/deliveries/${delivery.id}/attempts`);
      redelivered++;
    }
    return { swept_until: sweptUntil.toISOString(), failed: failed.size, redelivered };
  });
}

/** When the last completed sweep read up to (0: never). */
async function previousSweep(db: Db): Promise<number> {
  const [last] = await db
    .select({ id: syncJobs.id, type: syncJobs.type, params: syncJobs.params })
    .from(syncJobs)
    .where(and(eq(syncJobs.type, "redelivery_sweep"), eq(syncJobs.status, "completed")))
    .orderBy(desc(syncJobs.id))
    .limit(1);
  const until = last ? parseJobParams(last, "redelivery_sweep").swept_until : undefined;
  return until ? Date.parse(until) : 0;
}

/** Per delivery guid, its latest attempt, for the guids none of whose attempts since `since` succeeded. */
async function undeliveredSince(client: GitHubClient, since: Date): Promise<Map<string, HookDelivery>> {
  const latest = new Map<string, HookDelivery>();
  const succeeded = new Set<string>();
  let url: string | undefined = "/app/hook/deliveries?per_page=100";
  while (url) {
    const page: Awaited<ReturnType<typeof client.get<HookDelivery[]>>> =
      await client.get<HookDelivery[]>(url);
    const items = page.data ?? [];
    for (const delivery of items) {
      if (Date.parse(delivery.delivered_at) < since.getTime()) continue;
      if (delivery.status_code >= 200 && delivery.status_code < 300) succeeded.add(delivery.guid);
      const known = latest.get(delivery.guid);
      if (!known || Date.parse(known.delivered_at) < Date.parse(delivery.delivered_at))
        latest.set(delivery.guid, delivery);
    }
    const oldest = items.at(-1);
    url = oldest && Date.parse(oldest.delivered_at) >= since.getTime() ? page.next : undefined;
  }
  for (const guid of succeeded) latest.delete(guid);
  return latest;
}

/** The guids the inbox already applied (a delivery GitHub counts as failed may still have arrived). */
async function appliedGuids(db: Db, guids: string[]): Promise<Set<string>> {
  if (guids.length === 0) return new Set();
  const rows = await db
    .select({ guid: webhookDeliveries.deliveryId })
    .from(webhookDeliveries)
    .where(
      and(
        inArray(webhookDeliveries.deliveryId, guids),
        inArray(webhookDeliveries.status, ["processed", "ignored"]),
      ),
    );
  return new Set(rows.map((row) => row.guid));
}
