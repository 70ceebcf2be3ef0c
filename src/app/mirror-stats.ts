/**
 * The mirror's counts for `ghsync stats` and `GET /api/stats`. A repository named but not in the
 * mirror is an error that says what to do, not a row of zeros that reads as "nothing there" (issue
 * 20, finding 5: `stats acme/typo` printed zeros and exited 0).
 */
import type { MirrorCounts } from "../contract/repositories.js";
import type { Db } from "../store/database.js";
import { mirrorCounts, type StatsFilter } from "../store/stats.js";
import { findRepositoryByName } from "../store/tracking.js";
import { GhsyncError } from "../util/errors.js";

export async function statsOf(db: Db, filter: StatsFilter): Promise<MirrorCounts> {
  const missing: string[] = [];
  for (const name of filter.repositories ?? []) {
    const repo = await findRepositoryByName(db, name);
    // One hidden from the viewer answers as one that is not there.
    if (!repo || filter.hidden?.includes(repo.id)) missing.push(name);
  }
  if (missing.length > 0) {
    const names = missing.join(", ");
    throw new GhsyncError(
      "not_found",
      `${names} ${missing.length === 1 ? "is" : "are"} not in the mirror: sync or track ${missing.length === 1 ? "it" : "them"} first (ghsync sync ${missing.join(" ")})`,
      { status: 404 },
    );
  }
  return mirrorCounts(db, filter);
}
