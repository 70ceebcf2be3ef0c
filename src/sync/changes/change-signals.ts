/**
 * The pure parts of change detection: reading GitHub's two signals against the mirror's state.
 */
import type { GitHubRepository } from "../../normalize/github-types.js";
import type { StoredRepositoryState } from "../../store/org-watches.js";

const newer = (reported: string | null | undefined, stored: Date | null): boolean =>
  reported != null && (stored === null || Date.parse(reported) > stored.getTime());

/**
 * GitHub's timestamps are whole seconds: a repository pushed again, or an issue updated again, in
 * the same second as the version ghsync read keeps its stamp. What GitHub stamped while the last
 * detection ran — from the second it began reading in to its end — counts as changed again.
 */
export interface Unsettled {
  from: Date;
  until: Date;
}

/** The start of the second before the one `at` falls in: the earliest stamp a read at `at` may share. */
function secondBefore(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000 - 1000);
}

export function unsettledWindow(watch: { searchedTo: Date; unsettledUntil: Date }): Unsettled {
  return { from: secondBefore(watch.searchedTo), until: watch.unsettledUntil };
}

/** The end of a run's unsettled window: GitHub's clock when it began, plus how long it ran, plus a second. */
export function unsettledUntil(githubStart: Date, ranMs: number): Date {
  return new Date(githubStart.getTime() + ranMs + 1000);
}

const within = (stamp: string | null | undefined, window: Unsettled): boolean => {
  if (stamp == null) return false;
  const at = Date.parse(stamp);
  return at >= window.from.getTime() && at < window.until.getTime();
};

/**
 * The listed repositories the mirror lacks, has deleted, or holds an older version of (pushed
 * since, or its metadata edited: a rename, archiving, a new default branch), and those pushed
 * within the `unsettled` window.
 */
export function changedRepositories(
  listed: readonly GitHubRepository[],
  stored: readonly StoredRepositoryState[],
  unsettled: Unsettled,
): GitHubRepository[] {
  const byId = new Map(stored.map((row) => [row.id, row]));
  return listed.filter((repo) => {
    const mirror = byId.get(Number(repo.id));
    return (
      !mirror ||
      mirror.deletedAt !== null ||
      newer(repo.pushed_at, mirror.pushedAt) ||
      newer(repo.updated_at, mirror.updatedAt) ||
      within(repo.pushed_at, unsettled)
    );
  });
}

/**
 * Whether a first page read at `readAt` can stand for "nothing changed" next time (its ETag kept):
 * not when its newest push is of that very second, which a later push could repeat unseen.
 */
export function settledPage(page: readonly GitHubRepository[], readAt: Date | undefined): boolean {
  if (!readAt) return false;
  const earliest = secondBefore(readAt).getTime();
  return !page.some((repo) => repo.pushed_at != null && Date.parse(repo.pushed_at) >= earliest);
}

/** A page of the list sorted by `pushed` (newest first) that ends before `since`: no need to read on. */
export function endsBefore(page: readonly GitHubRepository[], since: Date): boolean {
  const last = page[page.length - 1];
  return !last?.pushed_at || Date.parse(last.pushed_at) < since.getTime();
}

/** GitHub's timestamp for a search qualifier, to the second. */
export function searchInstant(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Issues and pull requests of `org` updated at or after `since`, oldest first (so a capped answer resumes). */
export function searchUrl(org: string, since: Date): string {
  const q = `org:${org} updated:>=${searchInstant(since)}`;
  return `/search/issues?q=${encodeURIComponent(q)}&sort=updated&order=asc&per_page=100`;
}

/** OWNER/REPO of a search item's `repository_url` (…/repos/OWNER/REPO). */
export function repositoryOf(repositoryUrl: string): string {
  const match = /\/repos\/([^/]+\/[^/]+)$/.exec(repositoryUrl);
  if (!match?.[1]) throw new Error(`not a repository URL: ${repositoryUrl}`);
  return decodeURIComponent(match[1]);
}
