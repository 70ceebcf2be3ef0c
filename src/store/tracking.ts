/** Which repositories ghsync keeps current (`tracked`), and the overview `ghsync status` shows. */
import { and, desc, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "./database.js";
import { credentials, rateLimits, repositories, syncJobs } from "./schema.js";

export async function setTracked(
  db: Db,
  repositoryId: number,
  tracked: boolean,
  depth?: string,
): Promise<void> {
  await db
    .update(repositories)
    .set({ tracked, ...(depth ? { syncDepth: depth } : {}) })
    .where(eq(repositories.id, repositoryId));
}

export async function findRepositoryByName(db: Db, fullName: string) {
  const rows = await db
    .select()
    .from(repositories)
    .where(and(sql`lower(${repositories.fullName}) = lower(${fullName})`, isNull(repositories.deletedAt)));
  return rows[0];
}

export async function trackedRepositories(db: Db) {
  return db
    .select()
    .from(repositories)
    .where(and(eq(repositories.tracked, true), isNull(repositories.deletedAt)))
    .orderBy(repositories.fullName);
}

export async function statusOverview(db: Db) {
  const tracked = await trackedRepositories(db);
  const tokens = await db
    .select({
      label: credentials.label,
      status: credentials.status,
      reason: credentials.statusReason,
      resource: rateLimits.resource,
      limit: rateLimits.limit,
      remaining: rateLimits.remaining,
      resetAt: rateLimits.resetAt,
    })
    .from(credentials)
    .leftJoin(rateLimits, eq(rateLimits.credentialId, credentials.id))
    .where(ne(credentials.status, "retired"))
    .orderBy(credentials.label);
  const jobs = await db.select().from(syncJobs).orderBy(desc(syncJobs.id)).limit(10);
  return {
    repositories: tracked.map((repo) => ({
      full_name: repo.fullName,
      depth: repo.syncDepth,
      last_synced_at: repo.lastSyncedAt?.toISOString() ?? null,
    })),
    credentials: tokens.map((token) => ({
      label: token.label,
      status: token.status,
      reason: token.reason,
      resource: token.resource,
      limit: token.limit,
      remaining: token.remaining,
      reset_at: token.resetAt?.toISOString() ?? null,
    })),
    jobs: jobs.map((job) => ({
      id: job.id,
      type: job.type,
      status: job.status,
      target: job.target,
      error: job.error,
    })),
  };
}
