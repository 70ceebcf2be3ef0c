/**
 * The tracked repositories as users see them: state (from the latest sync record), counts, last
 * synced, and coverage of the requested depth (from the backfill checkpoints). Repositories being
 * tracked by name and not resolved yet appear from their pending job.
 */
import { and, eq, gt, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "./database.js";
import { queryRows } from "./raw-query.js";
import { repositories, syncCheckpoints, syncJobs } from "./schema.js";
import type { Repository, RepositoryState } from "../contract/repositories.js";
import type { RowCounts } from "../contract/common.js";
import { COUNTED_KEYS, COUNTED_ROWS, zeroCounts } from "./counted-rows.js";
import { lastUpdatedPerRepository } from "./last-updated.js";
import { latestJobPerRepository, SYNC_TYPES, type SyncJobRow } from "./sync-jobs.js";

/** The lists a backfill walks; coverage is complete when all of them are. */
export const BACKFILL_ENTITIES = ["commits", "pull_requests", "issues", "comments"] as const;

export interface CheckpointProgress {
  entity: string;
  backfillComplete: boolean;
  itemsDone: number;
  itemsTotal: number | null;
}

/** Mean over the backfilled lists of their done fraction (a list not started counts 0). */
export function coverageOf(checkpoints: readonly CheckpointProgress[]): number {
  let sum = 0;
  for (const entity of BACKFILL_ENTITIES) {
    const checkpoint = checkpoints.find((c) => c.entity === entity);
    if (!checkpoint) continue;
    if (checkpoint.backfillComplete) sum += 1;
    else if (checkpoint.itemsTotal) sum += Math.min(0.99, checkpoint.itemsDone / checkpoint.itemsTotal);
  }
  return Math.floor((sum / BACKFILL_ENTITIES.length) * 100);
}

export function stateOf(
  job: Pick<SyncJobRow, "status" | "error" | "reason"> | undefined,
  coverage: number,
): { state: RepositoryState; reason: string | null } {
  switch (job?.status) {
    case "running":
      return { state: "syncing", reason: null };
    case "waiting":
      return { state: "waiting", reason: job.reason };
    case "queued":
      return { state: "queued", reason: job.reason };
    case "failed":
      return { state: "failed", reason: job.error };
    default:
      return { state: coverage === 100 ? "up_to_date" : "not_synced", reason: null };
  }
}

const trackedIds = sql`(select id from repositories where tracked and deleted_at is null)`;

/** A page of the tracked repositories by name, or (`only`) the one of that name. */
export async function trackedOverview(db: Db, page: OverviewPage = { limit: 1_000 }): Promise<Repository[]> {
  // One snapshot for every read: a track request's job takes its repository and marks it tracked
  // in one transaction, so reading "tracked" and "pending by name" at two moments could see it in
  // neither (issue 22: the demo listed 2 of its 3 repositories under load).
  return db.transaction((tx) => overviewIn(tx, page), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
}

interface OverviewPage {
  after?: string | undefined;
  limit: number;
  only?: string;
}

async function overviewIn(db: Db, page: OverviewPage): Promise<Repository[]> {
  const tracked = await db
    .select()
    .from(repositories)
    .where(
      and(
        eq(repositories.tracked, true),
        isNull(repositories.deletedAt),
        page.after ? gt(sql`lower(${repositories.fullName})`, page.after.toLowerCase()) : undefined,
        page.only ? sql`lower(${repositories.fullName}) = ${page.only.toLowerCase()}` : undefined,
      ),
    )
    .orderBy(sql`lower(${repositories.fullName})`)
    .limit(page.limit);
  const ids = tracked.map((repo) => repo.id);
  // Sequential: the statements share the transaction's one connection.
  const latest = await latestJobPerRepository(db);
  const checkpoints =
    ids.length === 0
      ? []
      : await db.select().from(syncCheckpoints).where(inArray(syncCheckpoints.repositoryId, ids));
  const counts = await countsPerRepository(db);
  const updated = await lastUpdatedPerRepository(db, trackedIds);
  const items: Repository[] = tracked.map((repo) => {
    const coverage = coverageOf(checkpoints.filter((c) => c.repositoryId === repo.id));
    const job = latest.get(repo.id);
    const { state, reason } = stateOf(job, coverage);
    const count = (entity: keyof RowCounts) => counts[entity].get(repo.id) ?? 0;
    return {
      id: repo.id,
      full_name: repo.fullName,
      private: repo.private,
      archived: repo.archived,
      fork: repo.fork,
      depth: repo.syncDepth ?? "30d",
      state,
      reason,
      resume_at: job?.status === "waiting" ? (job.resumeAt?.toISOString() ?? null) : null,
      job_id: job?.id ?? null,
      last_synced_at: repo.lastSyncedAt?.toISOString() ?? null,
      last_updated_at: updated.get(repo.id)?.toISOString() ?? null,
      coverage,
      last_verification:
        repo.lastVerifiedAt && repo.lastVerification
          ? { finished_at: repo.lastVerifiedAt.toISOString(), ...repo.lastVerification }
          : null,
      counts: Object.fromEntries(COUNTED_KEYS.map((key) => [key, count(key)])) as unknown as RowCounts,
    };
  });
  return page.after === undefined && page.only === undefined
    ? [...(await pendingByName(db)), ...items]
    : items;
}

/**
 * Names being tracked whose repository is not resolved yet (their first job has not run). Only
 * repository syncs carry such a name: maintenance jobs (reconcile, snapshots, the redelivery
 * sweep) have no repository either, and are not repositories.
 */
async function pendingByName(db: Db): Promise<Repository[]> {
  const jobs = await db
    .select()
    .from(syncJobs)
    .where(
      and(
        isNull(syncJobs.repositoryId),
        isNotNull(syncJobs.target),
        inArray(syncJobs.type, SYNC_TYPES),
        inArray(syncJobs.status, ["queued", "waiting", "running"]),
      ),
    )
    .orderBy(sql`lower(${syncJobs.target})`);
  return jobs.map((job) => {
    const { state, reason } = stateOf(job, 0);
    return {
      id: null,
      full_name: job.target as string,
      // Not known before its first job reads it from GitHub.
      private: false,
      archived: false,
      fork: false,
      depth: String(job.params.depth ?? "30d"),
      state,
      reason,
      resume_at: job.resumeAt?.toISOString() ?? null,
      job_id: job.id,
      last_synced_at: null,
      last_updated_at: null,
      coverage: 0,
      counts: zeroCounts(),
      last_verification: null,
    };
  });
}

async function countsPerRepository(db: Db): Promise<Record<keyof RowCounts, Map<number, number>>> {
  const entries = [];
  for (const entity of COUNTED_KEYS) {
    const { table, live } = COUNTED_ROWS[entity];
    const rows = await queryRows<{ repository_id: string; n: string }>(
      db,
      sql`select repository_id, count(*) as n from ${table}
        where repository_id in ${trackedIds} and ${live} group by 1`,
    );
    entries.push([entity, new Map(rows.map((row) => [Number(row.repository_id), Number(row.n)]))] as const);
  }
  return Object.fromEntries(entries) as Record<keyof RowCounts, Map<number, number>>;
}
