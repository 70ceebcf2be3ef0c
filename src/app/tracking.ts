/**
 * Tracking, one rule for the CLI and the API: a repository is tracked at the depth asked, except
 * that one mirrored in full stays full (a shallower request never shrinks what it keeps); untracking
 * keeps its rows and cancels its pending syncs, in one transaction.
 */
import { purgeRepository, type PurgedCounts } from "../store/purge-repository.js";
import { cancelPending, jobsWithStatus } from "../store/sync-jobs.js";
import { findRepositoryByName, needsBackfill, setTracked } from "../store/tracking.js";
import type { Db } from "../store/database.js";
import { GhsyncError } from "../util/errors.js";

/** The depth a repository keeps after a request for `requested`. */
export function trackedDepth(current: string | null, requested: string): string {
  return current === "full" ? "full" : requested;
}

export interface TrackedRepository {
  id: number;
  fullName: string;
  depth: string;
  /** The sync that brings it to its depth: a backfill when the depth grew or one never finished. */
  syncType: "backfill" | "incremental";
}

/** Marks a mirrored repository tracked at `requested` (see trackedDepth). */
export async function trackRepository(
  db: Db,
  repo: { id: number; fullName: string; syncDepth: string | null },
  requested: string,
): Promise<TrackedRepository> {
  const depth = trackedDepth(repo.syncDepth, requested);
  await setTracked(db, repo.id, true, depth);
  const deeper = repo.syncDepth !== depth;
  const syncType = deeper || (await needsBackfill(db, repo.id)) ? "backfill" : "incremental";
  return { id: repo.id, fullName: repo.fullName, depth, syncType };
}

/**
 * Stops keeping a repository current: its queued and waiting syncs are cancelled; its rows stay,
 * unless `purge`, which deletes them (store/purge-repository.ts) and says how many.
 */
export async function untrackRepository(
  db: Db,
  fullName: string,
  options: { purge?: boolean } = {},
): Promise<{ fullName: string; purged: PurgedCounts | null }> {
  const repo = await findRepositoryByName(db, fullName);
  if (!repo?.tracked && !(options.purge && repo))
    throw new GhsyncError("not_tracked", `${fullName} is not tracked`, { status: 404 });
  if (options.purge && (await jobsWithStatus(db, ["running"])).some((job) => job.repositoryId === repo.id))
    throw new GhsyncError("sync_running", `a sync of ${repo.fullName} is running; purge it once it ends`, {
      status: 409,
    });
  await db.transaction(async (tx) => {
    await setTracked(tx, repo.id, false);
    await cancelPending(tx, { repositoryId: repo.id }, "repository untracked");
  });
  const purged = options.purge ? await purgeRepository(db, repo.id, repo.fullName) : null;
  return { fullName: repo.fullName, purged };
}
