/**
 * The pull requests of a repository whose `updated_at` moved since one of their per-PR reads
 * (reviews, details; several: any of them) last ran: that read's checkpoint column holds the `updated_at` it was done
 * for, so an unchanged PR costs no request and a crash re-reads only unfinished PRs.
 */
import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../store/database.js";
import { pullRequests } from "../../store/schema.js";

export interface MovedPull {
  id: number;
  number: number;
  updatedAt: Date;
}

type Checkpoint = typeof pullRequests.reviewsSyncedFor | typeof pullRequests.detailsSyncedFor;

export async function pullsMovedSince(
  db: Db,
  repositoryId: number,
  ...checkpoints: Checkpoint[]
): Promise<MovedPull[]> {
  return db
    .select({ id: pullRequests.id, number: pullRequests.number, updatedAt: pullRequests.updatedAt })
    .from(pullRequests)
    .where(
      and(
        eq(pullRequests.repositoryId, repositoryId),
        isNull(pullRequests.deletedAt),
        or(
          ...checkpoints.flatMap((checkpoint) => [
            isNull(checkpoint),
            sql`${checkpoint} <> ${pullRequests.updatedAt}`,
          ]),
        ),
      ),
    );
}
