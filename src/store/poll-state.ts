/**
 * What the scheduler of `serve` decides from (jobs/poll-plan.ts): each tracked repository's marks
 * and what its recent syncs cost, and the points its polling spent within the last hour.
 */
import { sql } from "drizzle-orm";
import type { PollingBudget, RateLimit } from "../contract/operations.js";
import type { Db } from "./database.js";
import { queryRows } from "./raw-query.js";

export interface PollState {
  id: number;
  fullName: string;
  owner: string;
  installationId: number | null;
  /** A change detection's mark that waits for its sync. */
  changedAt: Date | null;
  /** A full pass's mark (a poll, no change known) that waits for its sync. */
  pollDueAt: Date | null;
  /** When it was last known current (null: never synced). */
  currentAt: Date | null;
  pushedAt: Date | null;
  /** Some list's backfill is not complete (or it never synced). */
  needsBackfill: boolean;
  /** A sync of it is queued, waiting or running already. */
  pending: boolean;
  /** Points its last few completed incremental syncs spent, on average (0: all answered 304). */
  estimatedPoints: number;
}

export async function trackedPollStates(db: Db): Promise<PollState[]> {
  const rows = await queryRows<{
    id: string;
    full_name: string;
    owner: string;
    installation_id: string | null;
    changed_at: string | null;
    poll_due_at: string | null;
    current_at: string | null;
    pushed_at: string | null;
    needs_backfill: boolean;
    pending: boolean;
    estimated_points: string | null;
  }>(
    db,
    sql`select r.id, r.full_name, r.owner, r.installation_id, r.changed_at, r.poll_due_at, r.current_at,
               r.pushed_at,
               (not exists (select 1 from sync_checkpoints c where c.repository_id = r.id)
                or exists (select 1 from sync_checkpoints c
                            where c.repository_id = r.id and not c.backfill_complete)) as needs_backfill,
               exists (select 1 from sync_jobs p
                        where p.repository_id = r.id and p.type in ('backfill', 'incremental')
                          and p.status in ('queued', 'waiting', 'running')) as pending,
               (select avg(j.points_used) from (
                  select points_used from sync_jobs
                   where repository_id = r.id and type = 'incremental' and status = 'completed'
                   order by finished_at desc limit 5) j) as estimated_points
          from repositories r
         where r.tracked and r.deleted_at is null
         order by r.full_name`,
  );
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return rows.map((row) => ({
    id: Number(row.id),
    fullName: row.full_name,
    owner: row.owner,
    installationId: row.installation_id === null ? null : Number(row.installation_id),
    changedAt: date(row.changed_at),
    pollDueAt: date(row.poll_due_at),
    currentAt: date(row.current_at),
    pushedAt: date(row.pushed_at),
    needsBackfill: row.needs_backfill,
    pending: row.pending,
    estimatedPoints: Number(row.estimated_points ?? 0),
  }));
}

/**
 * What a sync that finds a change costs, on average: the last 100 of the scheduler's syncs that
 * spent points (1 before there is any). A repository's own history says little here — its last
 * syncs may all have answered 304.
 */
export async function changeSyncCost(db: Db): Promise<number> {
  const [row] = await queryRows<{ points: string | null }>(
    db,
    sql`select avg(points_used) as points from (
          select points_used from sync_jobs
           where type = 'incremental' and status = 'completed' and points_used > 0
             and params->>'scheduled' = 'true'
           order by finished_at desc limit 100) j`,
  );
  return row?.points == null ? 1 : Number(row.points);
}

/**
 * Points the scheduler's work spent since `since`: its change detections (reconcile jobs) and the
 * syncs it queued (`params.scheduled`).
 */
async function pollPointsSince(db: Db, since: Date): Promise<number> {
  const [row] = await queryRows<{ points: string | null }>(
    db,
    sql`select sum(points_used) as points from sync_jobs
         where coalesce(finished_at, started_at, queued_at) >= ${since.toISOString()}::timestamptz
           and (type = 'reconcile' or params->>'scheduled' = 'true')`,
  );
  return Number(row?.points ?? 0);
}

/** Points the scheduler's work spent within the hour before `now` (what its budget counts). */
export function pollPointsLastHour(db: Db, now = new Date()): Promise<number> {
  return pollPointsSince(db, new Date(now.getTime() - 3_600_000));
}

/**
 * The polling budget as `/api/status` shows it: `share` of the core points an hour the usable
 * credentials were last seen to have (`readings`: the workers' pool reads the same headers), and
 * `spent`, what the scheduler spent within the last hour.
 */
export function pollingBudget(share: number, readings: readonly RateLimit[], spent: number): PollingBudget {
  const core = readings.filter((r) => r.resource === "core" && r.status === "valid" && r.limit !== null);
  const hourly = core.reduce((sum, r) => sum + (r.limit ?? 0), 0);
  return {
    share,
    points_per_hour: core.length > 0 ? Math.floor(share * hourly) : null,
    spent_last_hour: spent,
  };
}
