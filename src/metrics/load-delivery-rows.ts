/**
 * Loads the rows DORA metrics and CI health read for a scope and period (dora-rows.ts). The
 * queries only narrow what the pure computation would throw away anyway (tombstones, pull requests
 * never merged or merged after the period, issues without labels or created before it), so the
 * result equals the computation over every row.
 */
import { and, gte, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../store/database.js";
import {
  deployments,
  deploymentStatuses,
  issues,
  pullRequests,
  releases,
  workflowRuns,
} from "../store/schema.js";
import type { DoraRepository, DoraRows, WorkflowRunRow } from "./dora-rows.js";
import type { MetricWindow } from "./window.js";

const runColumns = {
  id: workflowRuns.id,
  repositoryId: workflowRuns.repositoryId,
  workflowName: workflowRuns.workflowName,
  event: workflowRuns.event,
  headBranch: workflowRuns.headBranch,
  headSha: workflowRuns.headSha,
  status: workflowRuns.status,
  conclusion: workflowRuns.conclusion,
  createdAt: workflowRuns.createdAt,
  runStartedAt: workflowRuns.runStartedAt,
  updatedAt: workflowRuns.updatedAt,
  deletedAt: workflowRuns.deletedAt,
};

/**
 * Workflow runs: completed in the period (CI health), and every completed push run of the
 * repositories that have neither deployments nor releases (their deliveries' fallback).
 */
async function loadRuns(
  db: Db,
  ids: number[],
  fallback: number[],
  window: MetricWindow,
): Promise<WorkflowRunRow[]> {
  const inPeriod = and(gte(workflowRuns.updatedAt, window.from), lt(workflowRuns.updatedAt, window.to));
  const pushes =
    fallback.length === 0
      ? undefined
      : and(inArray(workflowRuns.repositoryId, fallback), sql`${workflowRuns.event} = 'push'`);
  return db
    .select(runColumns)
    .from(workflowRuns)
    .where(
      and(
        inArray(workflowRuns.repositoryId, ids),
        isNull(workflowRuns.deletedAt),
        sql`${workflowRuns.status} = 'completed'`,
        pushes ? or(inPeriod, pushes) : inPeriod,
      ),
    );
}

export async function loadDeliveryRows(
  db: Db,
  repos: DoraRepository[],
  teamMemberIds: number[] | null,
  window: MetricWindow,
): Promise<DoraRows> {
  const ids = repos.map((repo) => repo.id);
  if (ids.length === 0)
    return {
      repositories: repos,
      deployments: [],
      deploymentStatuses: [],
      releases: [],
      workflowRuns: [],
      pulls: [],
      issues: [],
      teamMemberIds,
    };
  const deploymentRows = await db
    .select({
      id: deployments.id,
      repositoryId: deployments.repositoryId,
      environment: deployments.environment,
      sha: deployments.sha,
      createdAt: deployments.createdAt,
      latestState: deployments.latestState,
      finishedAt: deployments.finishedAt,
      deletedAt: deployments.deletedAt,
    })
    .from(deployments)
    .where(and(inArray(deployments.repositoryId, ids), isNull(deployments.deletedAt)));
  const statusRows = await db
    .select({
      id: deploymentStatuses.id,
      deploymentId: deploymentStatuses.deploymentId,
      state: deploymentStatuses.state,
      createdAt: deploymentStatuses.createdAt,
    })
    .from(deploymentStatuses)
    .where(inArray(deploymentStatuses.repositoryId, ids));
  const releaseRows = await db
    .select({
      id: releases.id,
      repositoryId: releases.repositoryId,
      tagName: releases.tagName,
      tagSha: releases.tagSha,
      draft: releases.draft,
      prerelease: releases.prerelease,
      publishedAt: releases.publishedAt,
      deletedAt: releases.deletedAt,
    })
    .from(releases)
    .where(and(inArray(releases.repositoryId, ids), isNull(releases.deletedAt)));
  const delivering = new Set([
    ...deploymentRows.map((row) => row.repositoryId),
    ...releaseRows
      .filter((row) => !row.draft && !row.prerelease && row.publishedAt)
      .map((row) => row.repositoryId),
  ]);
  const fallback = ids.filter((id) => !delivering.has(id));
  const pulls = await db
    .select({
      id: pullRequests.id,
      repositoryId: pullRequests.repositoryId,
      number: pullRequests.number,
      authorId: pullRequests.authorId,
      baseRef: pullRequests.baseRef,
      createdAt: pullRequests.createdAt,
      mergedAt: pullRequests.mergedAt,
      firstCommitAt: pullRequests.firstCommitAt,
      deletedAt: pullRequests.deletedAt,
    })
    .from(pullRequests)
    .where(
      and(
        inArray(pullRequests.repositoryId, ids),
        isNull(pullRequests.deletedAt),
        isNotNull(pullRequests.mergedAt),
        lt(pullRequests.mergedAt, window.to),
      ),
    );
  const issueRows = await db
    .select({
      id: issues.id,
      repositoryId: issues.repositoryId,
      number: issues.number,
      title: issues.title,
      labels: issues.labels,
      createdAt: issues.createdAt,
      closedAt: issues.closedAt,
      deletedAt: issues.deletedAt,
    })
    .from(issues)
    .where(
      and(
        inArray(issues.repositoryId, ids),
        isNull(issues.deletedAt),
        gte(issues.createdAt, window.from),
        sql`jsonb_array_length(${issues.labels}) > 0`,
      ),
    );
  return {
    repositories: repos,
    deployments: deploymentRows,
    deploymentStatuses: statusRows,
    releases: releaseRows,
    workflowRuns: await loadRuns(db, ids, fallback, window),
    pulls,
    issues: issueRows,
    teamMemberIds,
  };
}
