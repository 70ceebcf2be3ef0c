/**
 * A verification run (DESIGN.md, `ghsync verify`): each of the mirror's repositories named (or of
 * an organization) checked against GitHub and repaired, one after the other; the report counts
 * what was found and what it cost.
 */
import { mirroredRepositories } from "../store/mirrored-repositories.js";
import { GhsyncError } from "../util/errors.js";
import { contextOf, type SyncDependencies } from "./run-sync.js";
import type { VerifyCounts, VerifyReport } from "../contract/jobs.js";
import { recordVerification } from "../store/verifications.js";
import { emptyVerifyCounts } from "./verify/verify-counts.js";
import { verifyRepository } from "./verify/verify-repository.js";

export type { VerifyReport };

export interface VerifyRun {
  report: VerifyReport;
  /** The repositories not verified because the budget was spent (full names, in order). */
  remaining: string[];
}

/**
 * `budgetPoints`: stop before the next repository once this run has spent that many points (a
 * scheduled verification's share of the hourly budget); at least one repository is always done,
 * so a run that resumes with what remains always gets further.
 */
export async function runVerify(
  deps: SyncDependencies,
  request: { repositories: string[]; org?: string | undefined },
  options: { budgetPoints?: number } = {},
): Promise<VerifyRun> {
  const started = Date.now();
  const before = { ...deps.client.counters };
  const targets = await mirroredRepositories(deps.db, { names: request.repositories, org: request.org });
  const unknown = request.repositories.filter(
    (name) => !targets.some((target) => target.fullName.toLowerCase() === name.toLowerCase()),
  );
  if (unknown.length > 0)
    throw new GhsyncError("not_found", `not in the mirror: ${unknown.join(", ")} (sync it first)`, {
      status: 404,
    });
  const ctx = contextOf(deps);
  const counts = emptyVerifyCounts();
  const spent = () => deps.client.counters.pointsUsed - before.pointsUsed;
  let done = 0;
  for (const { id, fullName, defaultBranch } of targets) {
    if (done > 0 && options.budgetPoints !== undefined && spent() >= options.budgetPoints) break;
    const found = emptyVerifyCounts();
    await verifyRepository(ctx, { id, fullName, defaultBranch }, found);
    await recordVerification(deps.db, id, found);
    for (const key of Object.keys(found) as (keyof VerifyCounts)[]) counts[key] += found[key];
    done++;
  }
  return {
    report: {
      repositories: done,
      ...counts,
      requests: deps.client.counters.requests - before.requests,
      points_used: spent(),
      duration_ms: Date.now() - started,
    },
    remaining: targets.slice(done).map((target) => target.fullName),
  };
}
