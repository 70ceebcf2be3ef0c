/**
 * The order of `repo.branch`: committer date, oldest first (the commit list serves it reversed,
 * `git log`'s default order). Commits a merge brings in are placed at their dates.
 */
import type { CommitRecord } from "./world-types.js";

/** Where a commit of this committer date goes (after the commits of the same date). */
export function positionByDate(branch: readonly CommitRecord[], at: number): number {
  let lo = 0;
  let hi = branch.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((branch[mid]?.committedAt ?? 0) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertByDate(branch: CommitRecord[], commit: CommitRecord): void {
  branch.splice(positionByDate(branch, commit.committedAt), 0, commit);
}
