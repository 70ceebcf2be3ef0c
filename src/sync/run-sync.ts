/**
 * A sync run: resolve the repositories, then mirror each (a few in parallel), and report what was
 * written and what it cost. Callers own the database and the GitHub client.
 */
import type { GitHubClient } from "../github/client.js";
import type { Db } from "../store/database.js";
import { forgetReadState } from "../store/checkpoints.js";
import { assignInstallation } from "../store/installations.js";
import type { Logger } from "../util/logger.js";
import { collectOrganization, collectRepository } from "./collectors/collect-repositories.js";
import { planOrganization, planTracked, type OrgPlan } from "./changes/org-targets.js";
import { systemClock, type Clock } from "../util/clock.js";
import { emptyCounts, type RepositoryRef, type SyncContext, type SyncCounts } from "./context.js";
import type { Depth } from "./depth.js";
import type { Progress } from "./progress.js";
import { reservationKey, reserveRepository, syncRepository } from "./sync-repository.js";
import { refreshItems } from "./collectors/refresh-items.js";
import { collectTeams } from "./collectors/collect-teams.js";
import type { RefreshItem } from "../contract/jobs.js";

export interface SyncRequest {
  repositories: string[];
  org?: string | undefined;
  depth: Depth;
  /**
   * The GitHub App installation these repositories are read through: recorded on them as soon as
   * they are resolved, before their sync, so later syncs (webhooks, reconciliation, a retry of a
   * run that failed midway) use its token too.
   */
  installationId?: number | undefined;
  /** Pull requests and issues to read again one by one after the sync (a webhook could not be ordered). */
  refresh?: RefreshItem[] | undefined;
  /** Re-read everything at the depth asked, ignoring ETags and high-water marks (`--refetch`). */
  refetch?: boolean | undefined;
}

export interface SyncSummary extends SyncCounts {
  requests: number;
  not_modified: number;
  points_used: number;
  duration_ms: number;
}

export interface SyncDependencies {
  db: Db;
  client: GitHubClient;
  log: Logger;
  progress: Progress;
  /** Repositories synced at once. */
  parallelRepositories?: number;
  /** Requests at once within a repository (reviews). */
  concurrency?: number;
  /** Where rows written are counted; pass one to know what a run that failed midway wrote. */
  counts?: SyncCounts;
  /** The time change detection marks its searches with. */
  clock?: Clock;
}

export function contextOf(deps: SyncDependencies): SyncContext {
  return {
    db: deps.db,
    client: deps.client,
    log: deps.log,
    progress: deps.progress,
    counts: deps.counts ?? emptyCounts(),
    overlapMs: 60_000,
    concurrency: deps.concurrency ?? 8,
    firstPages: new Map(),
  };
}

/** Reads one repository from GitHub into the mirror (tracking a name that is not mirrored yet). */
export async function resolveRepository(
  deps: SyncDependencies,
  fullName: string,
): Promise<RepositoryRef | undefined> {
  return collectRepository(contextOf(deps), fullName);
}

/** Reads an organization's repository list into the mirror (one ETag poll when nothing changed). */
export async function resolveOrganization(deps: SyncDependencies, org: string): Promise<RepositoryRef[]> {
  return collectOrganization(contextOf(deps), org);
}

/**
 * The scheduler's change detection over one organization's tracked repositories (ids): which
 * changed, or all of them on a full pass (org-targets.ts).
 */
export async function detectTrackedChanges(
  deps: SyncDependencies,
  org: string,
  tracked: ReadonlySet<number>,
): Promise<OrgPlan> {
  return planTracked(contextOf(deps), org, { clock: deps.clock ?? systemClock, tracked });
}

export async function runSync(deps: SyncDependencies, request: SyncRequest): Promise<SyncSummary> {
  const started = Date.now();
  const before = { ...deps.client.counters };
  const ctx = contextOf(deps);
  const targets: RepositoryRef[] = [];
  let plan: OrgPlan | undefined;
  // Work reserved before it begins, so the progress never looks finished halfway (progress.ts).
  for (const name of request.repositories) reserveRepository(deps.progress, name);
  const orgKey = `organization ${request.org ?? ""}`;
  if (request.org) {
    deps.progress.reserve(orgKey, 1);
    plan = await planOrganization(ctx, request.org, {
      clock: deps.clock ?? systemClock,
      depth: request.depth,
      refetch: request.refetch,
    });
    deps.log.info(
      { org: request.org, pass: plan.kind, repositories: plan.targets.length },
      plan.kind === "full"
        ? "syncing every repository of the organization"
        : "syncing the repositories that changed",
    );
    targets.push(...plan.targets);
    for (const repo of plan.targets) reserveRepository(deps.progress, repo.fullName);
  }
  for (const name of request.repositories) {
    const repo = await collectRepository(ctx, name);
    if (repo && !targets.some((t) => t.id === repo.id)) targets.push(repo);
    // Reserved under the name it was asked by: moved to the name GitHub gives (a rename).
    if (repo) reserveRepository(deps.progress, repo.fullName);
    if (reservationKey(name) !== reservationKey(repo?.fullName ?? ""))
      deps.progress.reserve(reservationKey(name), 0);
  }
  if (request.installationId !== undefined)
    await assignInstallation(
      deps.db,
      targets.map((repo) => repo.id),
      request.installationId,
    );
  if (request.refetch) for (const repo of targets) await forgetReadState(deps.db, repo);
  // One repository's failure does not stop the others; its checkpoints keep what it got.
  const failures: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const repo = targets[next++] as RepositoryRef;
      await syncRepository(ctx, repo, request.depth)
        .then(() => refreshItems(ctx, repo, request.refresh ?? []))
        .catch((error: unknown) => {
          deps.log.error({ repository: repo.fullName, err: error }, "repository sync failed");
          failures.push(error);
        })
        .finally(() => deps.progress.reserve(reservationKey(repo.fullName), 0));
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.parallelRepositories ?? 3, targets.length) }, worker));
  if (request.org)
    await collectTeams(ctx, request.org, request.refetch).catch((error: unknown) => {
      deps.log.error({ org: request.org, err: error }, "teams sync failed");
      failures.push(error);
    });
  deps.progress.reserve(orgKey, 0);
  if (failures.length > 0) throw failures[0];
  await plan?.settle();
  const counters = deps.client.counters;
  return {
    ...ctx.counts,
    requests: counters.requests - before.requests,
    not_modified: counters.notModified - before.notModified,
    points_used: counters.pointsUsed - before.pointsUsed,
    duration_ms: Date.now() - started,
  };
}

/**
 * An organization's teams and members, on their own (the scheduler of `serve`): conditional lists,
 * only 304s when nothing changed. False when the credential may not read them (logged once).
 */
export async function syncTeams(deps: SyncDependencies, org: string): Promise<boolean> {
  return collectTeams(contextOf(deps), org);
}

/** Adds up the summaries of consecutive runs (tracked repositories at different depths). */
export function addSummaries(summaries: readonly SyncSummary[]): SyncSummary {
  const total: SyncSummary = {
    ...emptyCounts(),
    requests: 0,
    not_modified: 0,
    points_used: 0,
    duration_ms: 0,
  };
  for (const summary of summaries) {
    for (const key of Object.keys(total) as (keyof SyncSummary)[]) total[key] += summary[key];
  }
  return total;
}
