/** Which repositories ghsync keeps current (`tracked`), and the overview `ghsync status` shows. */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "./database.js";
import { queueSummary, rateLimitReadings, trackedStaleness } from "./operations.js";
import { pollingBudget, pollPointsLastHour } from "./poll-state.js";
import { trackedOverview } from "./repository-overview.js";
import { repositories, syncCheckpoints } from "./schema.js";
import { jobView, listJobs } from "./sync-jobs.js";

/**
 * Marks a repository tracked or not, at `depth` when given — except that a repository mirrored in
 * full stays full, whoever asks (the CLI, the API, a track job): a shallower request never
 * shrinks what it keeps (app/tracking.ts).
 */
export async function setTracked(
  db: Db,
  repositoryId: number,
  tracked: boolean,
  depth?: string,
): Promise<void> {
  const syncDepth = sql`case when ${repositories.syncDepth} = 'full' then 'full' else ${depth ?? null} end`;
  await db
    .update(repositories)
    .set({ tracked, ...(depth ? { syncDepth } : {}) })
    .where(eq(repositories.id, repositoryId));
}

export async function findRepositoryByName(db: Db, fullName: string) {
  const rows = await db
    .select()
    .from(repositories)
    .where(and(sql`lower(${repositories.fullName}) = lower(${fullName})`, isNull(repositories.deletedAt)));
  return rows[0];
}

/** The live (not deleted) repositories with these ids. */
export async function repositoriesByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(repositories)
    .where(and(inArray(repositories.id, ids), isNull(repositories.deletedAt)));
}

export async function trackedRepositories(db: Db) {
  return db
    .select()
    .from(repositories)
    .where(and(eq(repositories.tracked, true), isNull(repositories.deletedAt)))
    .orderBy(repositories.fullName);
}

/**
 * What `ghsync status` shows; the same picture as the API's repositories, jobs, rate limits and
 * status. `pollShare`: GHSYNC_POLL_BUDGET as a fraction.
 */
export async function statusOverview(db: Db, pollShare: number) {
  const [repos, limits, queue, jobs, staleness, spent] = await Promise.all([
    trackedOverview(db),
    rateLimitReadings(db),
    queueSummary(db),
    listJobs(db, { limit: 10 }),
    trackedStaleness(db),
    pollPointsLastHour(db),
  ]);
  return {
    repositories: repos,
    staleness,
    polling: pollingBudget(pollShare, limits, spent),
    credentials: limits,
    queue,
    jobs: jobs.map(jobView),
  };
}

/** True until every list of the repository has finished its backfill (or it never synced). */
export async function needsBackfill(db: Db, repositoryId: number): Promise<boolean> {
  const rows = await db
    .select({ complete: syncCheckpoints.backfillComplete })
    .from(syncCheckpoints)
    .where(eq(syncCheckpoints.repositoryId, repositoryId));
  return rows.length === 0 || rows.some((row) => !row.complete);
}
