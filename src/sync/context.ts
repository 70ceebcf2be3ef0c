/** What every collector needs: the database, the GitHub client, progress and the run's counts. */
import type { GitHubClient, GitHubPage } from "../github/client.js";
import type { Db } from "../store/database.js";
import type { MirrorCounts } from "../contract/repositories.js";
import { zeroCounts } from "../store/counted-rows.js";
import type { Logger } from "../util/logger.js";
import type { Progress } from "./progress.js";

/** Rows written by a run, with the keys of the mirror's counts (`ghsync stats`). */
export type SyncCounts = MirrorCounts;

export function emptyCounts(): SyncCounts {
  return { repositories: 0, ...zeroCounts() };
}

export interface SyncContext {
  db: Db;
  client: GitHubClient;
  log: Logger;
  progress: Progress;
  counts: SyncCounts;
  /** How far back a list walk re-reads before the high-water mark (clock skew, same-second updates). */
  overlapMs: number;
  /** Parallel requests within one repository (reviews), kept well under GitHub's 100. */
  concurrency: number;
  /** First pages a backfill asked for up front, by URL, for its walks to take (probe-lists.ts). */
  firstPages: Map<string, Promise<GitHubPage<unknown>>>;
}

/** The repository a collector works on, as stored (keyed by id; the name may change). */
export interface RepositoryRef {
  id: number;
  fullName: string;
  defaultBranch: string | null;
}
