/**
 * The `sync_jobs` record: what users and the API read about jobs (the queue's tables only drive
 * execution). A row exists from the moment a job is queued; a pending sync of a repository is
 * joined by later requests instead of queued twice; a job carried over (rate limit, shutdown,
 * crashed worker) keeps its row and adds up its counts.
 */
import { and, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "./database.js";
import { queryRows } from "./raw-query.js";
import { jobNamesNoneOf, type HiddenRepository } from "./hidden-repositories.js";
import { repositories, syncJobs } from "./schema.js";

import type { JobStatus, JobType } from "../contract/enums.js";
import type { Job } from "../contract/jobs.js";

export type SyncJobRow = typeof syncJobs.$inferSelect;

export interface NewJob {
  type: JobType;
  repositoryId?: number | undefined;
  /** What the job works on when there is no repository row yet (a name to resolve). */
  target?: string | undefined;
  params?: Record<string, unknown>;
  priority: number;
}

/** The job types that sync one repository (the others are maintenance over everything). */
export const SYNC_TYPES: JobType[] = ["backfill", "incremental"];

/**
 * Queues a job record, or returns the pending sync of the same repository (`joined: true`).
 * A backfill joining a pending incremental turns it into a backfill (it carries the deeper depth).
 */
export async function insertJob(db: Db, job: NewJob): Promise<{ job: SyncJobRow; joined: boolean }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [inserted] = await db
      .insert(syncJobs)
      .values({
        type: job.type,
        status: "queued",
        repositoryId: job.repositoryId,
        target: job.target,
        params: job.params ?? {},
        priority: job.priority,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted) return { job: inserted, joined: false };
    const pending = await pendingSyncOf(db, job);
    if (!pending) continue; // it started running in between: try again
    if (job.type === "backfill" && pending.type !== "backfill") {
      const [upgraded] = await db
        .update(syncJobs)
        .set({ type: "backfill", params: { ...pending.params, ...job.params } })
        .where(and(eq(syncJobs.id, pending.id), inArray(syncJobs.status, ["queued", "waiting"])))
        .returning();
      if (!upgraded) continue;
      return { job: upgraded, joined: true };
    }
    // A re-read asked of a pending sync is done by it.
    if ((job.params as { refetch?: boolean } | undefined)?.refetch && pending.params.refetch !== true) {
      const [marked] = await db
        .update(syncJobs)
        .set({ params: { ...pending.params, refetch: true } })
        .where(and(eq(syncJobs.id, pending.id), inArray(syncJobs.status, ["queued", "waiting"])))
        .returning();
      if (!marked) continue;
      return { job: marked, joined: true };
    }
    // Items to read again accumulate on the pending job, which has not parsed its params yet.
    const refresh = (job.params as { refresh?: unknown[] } | undefined)?.refresh;
    if (refresh?.length) {
      const [merged] = await db
        .update(syncJobs)
        .set({
          params: sql`jsonb_set(${syncJobs.params}, '{refresh}', coalesce(${syncJobs.params}->'refresh', '[]'::jsonb) || ${JSON.stringify(refresh)}::jsonb)`,
        })
        .where(and(eq(syncJobs.id, pending.id), inArray(syncJobs.status, ["queued", "waiting"])))
        .returning();
      if (!merged) continue;
      return { job: merged, joined: true };
    }
    return { job: pending, joined: true };
  }
  throw new Error(`could not queue a ${job.type} job for ${job.target ?? job.repositoryId}`);
}

async function pendingSyncOf(db: Db, job: NewJob): Promise<SyncJobRow | undefined> {
  if (!SYNC_TYPES.includes(job.type)) return undefined;
  const key =
    job.repositoryId !== undefined
      ? sql`${syncJobs.repositoryId}::text = ${String(job.repositoryId)}`
      : sql`lower(${syncJobs.target}) = lower(${job.target ?? ""}) and ${syncJobs.repositoryId} is null`;
  const [row] = await db
    .select()
    .from(syncJobs)
    .where(and(inArray(syncJobs.status, ["queued", "waiting"]), inArray(syncJobs.type, SYNC_TYPES), key));
  return row;
}

/** Merges `change` into a record's params; returns the record as it now is. */
export async function mergeJobParams(
  db: Db,
  job: SyncJobRow,
  change: Record<string, unknown>,
): Promise<SyncJobRow | undefined> {
  const [updated] = await db
    .update(syncJobs)
    .set({ params: { ...job.params, ...change } })
    .where(eq(syncJobs.id, job.id))
    .returning();
  return updated;
}

export async function loadJob(db: Db, id: number): Promise<SyncJobRow | undefined> {
  const [row] = await db.select().from(syncJobs).where(eq(syncJobs.id, id));
  return row;
}

/** The queue job now carrying a record (after a send, or a re-send of a carried-over job). */
export async function attachQueueJob(db: Db, id: number, queueJobId: string): Promise<void> {
  await db.update(syncJobs).set({ queueJobId }).where(eq(syncJobs.id, id));
}

/**
 * Marks a pending record running for the queue job `queueJobId`; undefined when that queue job is
 * no longer the record's carrier (a duplicate delivery by the queue) or the job was cancelled.
 */
export async function claimJob(
  db: Db,
  id: number,
  queueJobId: string,
  worker: string,
  repositoryId: number | undefined,
): Promise<SyncJobRow | undefined> {
  const [row] = await db
    .update(syncJobs)
    .set({
      status: "running",
      worker,
      repositoryId: repositoryId ?? sql`${syncJobs.repositoryId}`,
      attempts: sql`${syncJobs.attempts} + 1`,
      startedAt: sql`coalesce(${syncJobs.startedAt}, now())`,
      reason: null,
      resumeAt: null,
    })
    .where(
      and(
        eq(syncJobs.id, id),
        eq(syncJobs.queueJobId, queueJobId),
        inArray(syncJobs.status, ["queued", "waiting"]),
      ),
    )
    .returning();
  return row;
}

export interface JobTally {
  counts: Record<string, number>;
  requests: number;
  notModified: number;
  pointsUsed: number;
}

function addTally(row: SyncJobRow, tally: JobTally | undefined) {
  if (!tally) return {};
  const counts = { ...row.counts };
  for (const [key, value] of Object.entries(tally.counts)) counts[key] = (counts[key] ?? 0) + value;
  return {
    counts,
    requests: row.requests + tally.requests,
    notModified: row.notModified + tally.notModified,
    pointsUsed: row.pointsUsed + tally.pointsUsed,
  };
}

/** Ends a running record: completed, failed (with the error) or cancelled. */
export async function finishJob(
  db: Db,
  row: SyncJobRow,
  outcome: {
    status: "completed" | "failed" | "cancelled";
    error?: string;
    tally?: JobTally;
    /** What the job decided, merged into its params (e.g. how many syncs a reconcile queued). */
    result?: Record<string, unknown>;
    /** Count this as a run (a failure before the job could be claimed). */
    countAttempt?: boolean;
  },
): Promise<void> {
  await db
    .update(syncJobs)
    .set({
      status: outcome.status,
      ...(outcome.result ? { params: { ...row.params, ...outcome.result } } : {}),
      error: outcome.error ?? null,
      finishedAt: new Date(),
      ...(outcome.countAttempt ? { attempts: row.attempts + 1 } : {}),
      ...addTally(row, outcome.tally),
    })
    .where(eq(syncJobs.id, row.id));
}

/**
 * Hands a record back to the queue: `queued` (shutdown, crashed worker, repository busy) or
 * `waiting` (no credential has budget; `resumeAt` is the reset). Its counts so far are kept.
 */
export async function requeueJob(
  db: Db,
  row: SyncJobRow,
  next: {
    status: "queued" | "waiting";
    reason: string;
    resumeAt?: Date;
    tally?: JobTally;
    /** Count this as a run (a failure before the job could be claimed). */
    countAttempt?: boolean;
    /** Where the job stopped, merged into its params (read when it runs again). */
    result?: Record<string, unknown>;
  },
): Promise<SyncJobRow | undefined> {
  const [updated] = await db
    .update(syncJobs)
    .set({
      status: next.status,
      ...(next.result ? { params: { ...row.params, ...next.result } } : {}),
      reason: next.reason,
      resumeAt: next.resumeAt ?? null,
      worker: null,
      queueJobId: null,
      ...(next.countAttempt ? { attempts: row.attempts + 1 } : {}),
      ...addTally(row, next.tally),
    })
    .where(and(eq(syncJobs.id, row.id), eq(syncJobs.status, row.status)))
    .returning();
  return updated;
}

/**
 * Cancels records that have not started (queued or waiting): one job, or the syncs of a
 * repository (it was untracked). Their queue jobs find them cancelled and do nothing.
 */
export async function cancelPending(
  db: Db,
  target: { jobId: number } | { repositoryId: number },
  reason: string,
): Promise<SyncJobRow[]> {
  const which =
    "jobId" in target ? eq(syncJobs.id, target.jobId) : eq(syncJobs.repositoryId, target.repositoryId);
  return db
    .update(syncJobs)
    .set({ status: "cancelled", reason, finishedAt: new Date() })
    .where(and(which, inArray(syncJobs.status, ["queued", "waiting"])))
    .returning();
}

export async function jobsWithStatus(db: Db, statuses: JobStatus[], olderThan?: Date): Promise<SyncJobRow[]> {
  return db
    .select()
    .from(syncJobs)
    .where(and(inArray(syncJobs.status, statuses), olderThan ? lt(syncJobs.queuedAt, olderThan) : undefined))
    .orderBy(syncJobs.id);
}

export interface JobFilter {
  id?: number | undefined;
  type?: JobType | undefined;
  status?: JobStatus | undefined;
  /** OWNER/REPO */
  repo?: string | undefined;
  /** Rows with an id below this one (keyset pagination, newest first). */
  before?: number | undefined;
  /** Leaves out the jobs that name these repositories (a member's hidden private ones). */
  hidden?: readonly HiddenRepository[] | undefined;
  limit: number;
}

export type JobListRow = SyncJobRow & { repository: string | null };

export async function listJobs(db: Db, filter: JobFilter): Promise<JobListRow[]> {
  const where: (SQL | undefined)[] = [
    filter.id !== undefined ? eq(syncJobs.id, filter.id) : undefined,
    filter.type ? eq(syncJobs.type, filter.type) : undefined,
    filter.status ? eq(syncJobs.status, filter.status) : undefined,
    filter.repo
      ? sql`(lower(${repositories.fullName}) = lower(${filter.repo}) or lower(${syncJobs.target}) = lower(${filter.repo}))`
      : undefined,
    filter.before !== undefined ? lt(syncJobs.id, filter.before) : undefined,
    jobNamesNoneOf(filter.hidden ?? []),
  ];
  const rows = await db
    .select({ job: syncJobs, repository: repositories.fullName })
    .from(syncJobs)
    .leftJoin(repositories, eq(repositories.id, syncJobs.repositoryId))
    .where(and(...where))
    .orderBy(desc(syncJobs.id))
    .limit(filter.limit);
  return rows.map(({ job, repository }) => ({ ...job, repository: repository ?? job.target }));
}

/** The latest record per repository (what "state" on the repositories page is derived from). */
export async function latestJobPerRepository(db: Db): Promise<Map<number, SyncJobRow>> {
  const rows = await db
    .selectDistinctOn([syncJobs.repositoryId])
    .from(syncJobs)
    .where(and(sql`${syncJobs.repositoryId} is not null`, inArray(syncJobs.type, SYNC_TYPES)))
    .orderBy(syncJobs.repositoryId, desc(syncJobs.id));
  return new Map(rows.map((row) => [row.repositoryId as number, row]));
}

export interface JobStats {
  total: number;
  completed: number;
  failed: number;
  success_rate: number | null;
  average_duration_ms: number | null;
  rows_imported: number;
  last_success: { repository: string; finished_at: string }[];
}

/** Totals over the jobs that name none of `hidden` (a member's hidden private repositories). */
export async function jobStats(db: Db, hidden: readonly HiddenRepository[] = []): Promise<JobStats> {
  const shown = jobNamesNoneOf(hidden);
  const [totals] = await queryRows<{
    total: string;
    completed: string;
    failed: string;
    avg_ms: string | null;
    rows_imported: string | null;
  }>(
    db,
    sql`select count(*) as total,
          count(*) filter (where status = 'completed') as completed,
          count(*) filter (where status = 'failed') as failed,
          avg(extract(epoch from (finished_at - started_at)) * 1000)
            filter (where status = 'completed' and started_at is not null) as avg_ms,
          (select coalesce(sum(value::bigint), 0) from sync_jobs, jsonb_each_text(sync_jobs.counts)
            where ${shown}) as rows_imported
        from sync_jobs where ${shown}`,
  );
  const lastSuccess = await queryRows<{ repository: string; finished_at: Date | string }>(
    db,
    sql`select r.full_name as repository, max(sync_jobs.finished_at) as finished_at
          from sync_jobs join repositories r on r.id = sync_jobs.repository_id
         where sync_jobs.status = 'completed' and ${shown}
         group by r.full_name order by r.full_name`,
  );
  const completed = Number(totals?.completed ?? 0);
  const failed = Number(totals?.failed ?? 0);
  return {
    total: Number(totals?.total ?? 0),
    completed,
    failed,
    success_rate: completed + failed === 0 ? null : completed / (completed + failed),
    average_duration_ms: totals?.avg_ms == null ? null : Math.round(Number(totals.avg_ms)),
    rows_imported: Number(totals?.rows_imported ?? 0),
    last_success: lastSuccess.map((row) => ({
      repository: row.repository,
      finished_at: new Date(row.finished_at).toISOString(),
    })),
  };
}

/** A job as the API and `ghsync status --json` show it. */
export function jobView(job: JobListRow): Job {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    repository: job.repository,
    reason: job.reason,
    error: job.error,
    resume_at: job.resumeAt?.toISOString() ?? null,
    counts: job.counts,
    requests: job.requests,
    not_modified: job.notModified,
    points_used: job.pointsUsed,
    attempts: job.attempts,
    worker: job.worker,
    params: job.params,
    queued_at: job.queuedAt.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    finished_at: job.finishedAt?.toISOString() ?? null,
    duration_ms: job.startedAt && job.finishedAt ? job.finishedAt.getTime() - job.startedAt.getTime() : null,
  };
}
