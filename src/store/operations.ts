/** What health checks, /metrics and the rate-limit page read: job totals, queue age, credential budgets. */
import type { QueueSummary, RateLimit, Staleness } from "../contract/operations.js";
import { eq, ne, sql } from "drizzle-orm";
import type { Db } from "./database.js";
import { queryRows } from "./raw-query.js";
import { credentials, rateLimits } from "./schema.js";

export async function queueSummary(db: Db): Promise<QueueSummary> {
  const [row] = await queryRows<Record<string, string | number | null>>(
    db,
    sql`select count(*) filter (where status = 'queued') as queued,
               count(*) filter (where status = 'waiting') as waiting,
               count(*) filter (where status = 'running') as running,
               extract(epoch from now() - min(queued_at) filter (where status = 'queued')) as oldest
          from sync_jobs where status in ('queued', 'waiting', 'running')`,
  );
  return {
    queued: Number(row?.queued ?? 0),
    waiting: Number(row?.waiting ?? 0),
    running: Number(row?.running ?? 0),
    oldest_pending_age_s: row?.oldest == null ? null : Math.round(Number(row.oldest)),
  };
}

export interface JobTotals {
  byTypeAndStatus: { type: string; status: string; count: number }[];
  rowsByEntity: Record<string, number>;
  requests: number;
  notModified: number;
  pointsUsed: number;
  /** Rows verification repaired (drift found), by kind: missing, changed, deleted, moved. */
  verifyRepaired: Record<string, number>;
}

const REPAIRS = ["missing", "changed", "deleted", "moved"] as const;

export async function jobTotals(db: Db): Promise<JobTotals> {
  const [groups, entities, sums, repaired] = await Promise.all([
    queryRows<{ type: string; status: string; n: string | number }>(
      db,
      sql`select type, status, count(*) as n from sync_jobs group by 1, 2 order by 1, 2`,
    ),
    queryRows<{ entity: string; n: string | number }>(
      db,
      sql`select key as entity, sum(value::bigint) as n from sync_jobs, jsonb_each_text(counts) group by 1`,
    ),
    queryRows<Record<string, string | number | null>>(
      db,
      sql`select sum(requests) as requests, sum(not_modified) as not_modified, sum(points_used) as points from sync_jobs`,
    ),
    queryRows<Record<string, string | number | null>>(
      db,
      sql`select ${sql.join(
        REPAIRS.map((kind) => sql`sum((params->'report'->>${kind})::bigint) as ${sql.identifier(kind)}`),
        sql`, `,
      )} from sync_jobs where type = 'verify' and params ? 'report'`,
    ),
  ]);
  return {
    byTypeAndStatus: groups.map((g) => ({ type: g.type, status: g.status, count: Number(g.n) })),
    rowsByEntity: Object.fromEntries(entities.map((e) => [e.entity, Number(e.n)])),
    requests: Number(sums[0]?.requests ?? 0),
    notModified: Number(sums[0]?.not_modified ?? 0),
    pointsUsed: Number(sums[0]?.points ?? 0),
    verifyRepaired: Object.fromEntries(REPAIRS.map((kind) => [kind, Number(repaired[0]?.[kind] ?? 0)])),
  };
}

export type RateLimitReading = RateLimit;

/** Live credentials with their last reading per resource (a credential never used has none). */
export async function rateLimitReadings(db: Db): Promise<RateLimitReading[]> {
  const rows = await db
    .select({
      label: credentials.label,
      status: credentials.status,
      reason: credentials.statusReason,
      resource: rateLimits.resource,
      limit: rateLimits.limit,
      remaining: rateLimits.remaining,
      used: rateLimits.used,
      resetAt: rateLimits.resetAt,
      updatedAt: rateLimits.updatedAt,
    })
    .from(credentials)
    .leftJoin(rateLimits, eq(rateLimits.credentialId, credentials.id))
    .where(ne(credentials.status, "retired"))
    .orderBy(credentials.label, rateLimits.resource);
  return rows.map((row) => ({
    credential: row.label,
    status: row.status,
    reason: row.reason,
    resource: row.resource,
    limit: row.limit,
    remaining: row.remaining,
    used: row.used,
    reset_at: row.resetAt?.toISOString() ?? null,
    updated_at: row.updatedAt?.toISOString() ?? null,
  }));
}

/**
 * How far behind GitHub the tracked repositories may be: each one's staleness is the time since
 * the mirror was last known current (`current_at`: its last complete sync began, or a change
 * detection found nothing new since). Seconds, p50/p95/max over the repositories synced at least
 * once; `never_synced` counts the others.
 */
export async function trackedStaleness(db: Db): Promise<Staleness> {
  const [row] = await queryRows<Record<string, string | number | null>>(
    db,
    sql`with ages as (
          select extract(epoch from now() - current_at) as age from repositories
           where tracked and deleted_at is null)
        select count(*) as repositories,
               count(*) filter (where age is null) as never_synced,
               percentile_cont(0.5) within group (order by age) as p50,
               percentile_cont(0.95) within group (order by age) as p95,
               max(age) as max
          from ages`,
  );
  const seconds = (value: string | number | null | undefined) =>
    value == null ? null : Math.max(0, Math.round(Number(value)));
  return {
    repositories: Number(row?.repositories ?? 0),
    never_synced: Number(row?.never_synced ?? 0),
    p50_s: seconds(row?.p50),
    p95_s: seconds(row?.p95),
    max_s: seconds(row?.max),
  };
}
