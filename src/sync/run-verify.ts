/**
 * A verification run (DESIGN.md, `ghsync verify`): each of the mirror's repositories named (or of
 * an organization) checked against GitHub and repaired, one after the other; the report counts
 * what was found and what it cost.
 */
import { mirroredRepositories } from "../store/mirrored-repositories.js";
import { GhsyncError } from "../util/errors.js";
import { contextOf, type SyncDependencies } from "./run-sync.js";
import { emptyVerifyCounts, type VerifyCounts } from "./verify/verify-counts.js";
import { verifyRepository } from "./verify/verify-repository.js";

export interface VerifyReport extends VerifyCounts {
  repositories: number;
  requests: number;
  points_used: number;
  duration_ms: number;
}

export async function runVerify(
  deps: SyncDependencies,
  request: { repositories: string[]; org?: string | undefined },
): Promise<VerifyReport> {
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
  for (const { id, fullName, defaultBranch } of targets)
    await verifyRepository(ctx, { id, fullName, defaultBranch }, counts);
  const counters = deps.client.counters;
  return {
    repositories: targets.length,
    ...counts,
    requests: counters.requests - before.requests,
    points_used: counters.pointsUsed - before.pointsUsed,
    duration_ms: Date.now() - started,
  };
}
