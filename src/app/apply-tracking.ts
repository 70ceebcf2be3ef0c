/**
 * `ghsync apply`: makes the tracked set what the tracking file says, by the rules of tracking.ts
 * (a repository mirrored in full stays full). Organizations are expanded to their repositories
 * through GitHub now (one list poll each, 0 points when unchanged), so a repository created later
 * is tracked at the next apply (every `serve` start applies the file). Names not mirrored yet are
 * read from GitHub first: a wrong name fails, naming its line, before anything changes.
 * Applying twice changes nothing. Tracked repositories the file does not name are left alone and
 * listed, unless `prune`, which untracks them (their rows stay).
 */
import { existsSync } from "node:fs";
import nodePath from "node:path";
import type { Settings } from "../config/settings.js";
import type { GitHubClient } from "../github/client.js";
import { createGitHubClient } from "../github/create-client.js";
import type { Db } from "../store/database.js";
import { findRepositoryByName, repositoriesByIds, trackedRepositories } from "../store/tracking.js";
import { Progress } from "../sync/progress.js";
import { resolveOrganization, resolveRepository } from "../sync/run-sync.js";
import { GhsyncError } from "../util/errors.js";
import type { Logger } from "../util/logger.js";
import { readTrackingFile, type TrackingEntry, type TrackingFile } from "./tracking-file.js";
import { trackedDepth, trackRepository, untrackRepository } from "./tracking.js";

export interface ApplyDependencies {
  db: Db;
  client: GitHubClient;
  log: Logger;
}

export interface ApplyResult {
  file: string;
  dry_run: boolean;
  added: { full_name: string; depth: string }[];
  changed: { full_name: string; depth: string; from: string | null }[];
  unchanged: { full_name: string; depth: string }[];
  /** Tracked, not named by the file: left tracked (without prune). */
  not_in_file: string[];
  /** Untracked by prune. */
  untracked: string[];
}

/** Applies `file` (nothing is written with `dryRun`; GitHub is still read to resolve names). */
export async function applyTracking(
  deps: ApplyDependencies,
  file: TrackingFile,
  options: { prune?: boolean; dryRun?: boolean } = {},
): Promise<ApplyResult> {
  const wanted = await resolveWanted(deps, file);
  const result: ApplyResult = {
    file: file.path,
    dry_run: options.dryRun ?? false,
    added: [],
    changed: [],
    unchanged: [],
    not_in_file: [],
    untracked: [],
  };
  const changes: { id: number; fullName: string; syncDepth: string | null; depth: string }[] = [];
  const rows = new Map((await repositoriesByIds(deps.db, [...wanted.keys()])).map((repo) => [repo.id, repo]));
  for (const [id, depth] of wanted) {
    const repo = rows.get(id);
    if (!repo) continue; // deleted upstream since it was resolved: the next apply names it
    const kept = trackedDepth(repo.syncDepth, depth);
    const entry = { full_name: repo.fullName, depth: kept };
    if (!repo.tracked) result.added.push(entry);
    else if (kept !== repo.syncDepth) result.changed.push({ ...entry, from: repo.syncDepth });
    else {
      result.unchanged.push(entry);
      continue;
    }
    changes.push({ ...repo, depth });
  }
  for (const list of [result.added, result.changed, result.unchanged])
    list.sort((a, b) => a.full_name.localeCompare(b.full_name));
  const extra = (await trackedRepositories(deps.db)).filter((repo) => !wanted.has(repo.id));
  result[options.prune ? "untracked" : "not_in_file"] = extra.map((repo) => repo.fullName);
  if (options.dryRun) return result;
  // One transaction: a failure leaves the tracked set as it was.
  await deps.db.transaction(async (tx) => {
    for (const change of changes) await trackRepository(tx, change, change.depth);
    if (options.prune) for (const repo of extra) await untrackRepository(tx, repo.fullName);
  });
  return result;
}

/**
 * What the file asks for, as a depth by repository id: each organization's repositories at its
 * depth, then the repositories named one by one (their own depth wins over their organization's).
 */
async function resolveWanted(deps: ApplyDependencies, file: TrackingFile): Promise<Map<number, string>> {
  const sync = { ...deps, progress: new Progress() };
  const wanted = new Map<number, string>();
  for (const org of file.organizations) {
    const repos = await atLine(file, org, "organizations", () => resolveOrganization(sync, org.name));
    for (const repo of repos) wanted.set(repo.id, org.depth);
  }
  for (const entry of file.repositories) {
    const stored = await findRepositoryByName(deps.db, entry.name);
    const repo =
      stored ?? (await atLine(file, entry, "repositories", () => resolveRepository(sync, entry.name)));
    if (repo) wanted.set(repo.id, entry.depth);
  }
  return wanted;
}

/** Runs a GitHub read for an entry; a name GitHub does not know fails naming the file's line. */
async function atLine<T>(
  file: TrackingFile,
  entry: TrackingEntry,
  kind: string,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof GhsyncError) || error.status !== 404) throw error;
    throw new GhsyncError(
      "invalid_tracking_file",
      `${file.path}:${entry.line}: ${kind}: ${entry.name} was not found on GitHub, or the token cannot see it`,
      { status: 400, cause: error },
    );
  }
}

/**
 * `serve` applies the tracking file at start (never pruning: an edit that drops a name should not
 * untrack it behind the operator's back; `ghsync apply --prune` does that). The default file is
 * optional; one named by GHSYNC_TRACKING_FILE must exist. A bad file stops the start.
 */
export async function applyTrackingFileAtStart(
  settings: Settings,
  db: Db,
  log: Logger,
): Promise<ApplyResult | undefined> {
  const { path, explicit } = settings.trackingFile;
  if (!explicit && !existsSync(path)) return undefined;
  const file = await readTrackingFile(shownPath(path));
  const github = await createGitHubClient(settings, db, log);
  try {
    const result = await applyTracking({ db, client: github.client, log }, file);
    const names = (list: { full_name: string }[]) => list.map((repo) => repo.full_name);
    log.info(
      {
        added: names(result.added),
        changed: result.changed.map((repo) => `${repo.full_name} (${repo.from} → ${repo.depth})`),
        unchanged: result.unchanged.length,
        not_in_file: result.not_in_file,
      },
      `applied ${file.path}`,
    );
    return result;
  } finally {
    await github.flush();
  }
}

/** A path as messages show it: relative to the working directory when inside it. */
export function shownPath(path: string): string {
  const relative = nodePath.relative(process.cwd(), path);
  return relative.startsWith("..") || nodePath.isAbsolute(relative) ? path : relative;
}
