/**
 * Writing delivery data into the mirror (workflow runs and jobs, check suites and runs,
 * deployments and statuses, releases): normalize, then upsert keyed by GitHub's ids, never over a
 * newer row. The collectors of `sync/` and the handlers of `webhooks/` both write through here.
 * Each returns how many rows changed.
 */
import { normalizeCheckRun, normalizeCheckSuite } from "../normalize/normalize-check.js";
import { normalizeDeployment, normalizeDeploymentStatus } from "../normalize/normalize-deployment.js";
import { normalizeRelease } from "../normalize/normalize-release.js";
import { normalizeWorkflowJob, normalizeWorkflowRun } from "../normalize/normalize-workflow-run.js";
import type {
  GitHubCheckRun,
  GitHubCheckSuite,
  GitHubDeployment,
  GitHubDeploymentStatus,
  GitHubRelease,
  GitHubWorkflowJob,
  GitHubWorkflowRun,
} from "../normalize/github-delivery-types.js";
import type { Db } from "../store/database.js";
import {
  completedIds,
  finishedAtOrAfter,
  refreshDeploymentOutcome,
  tombstoneEarlierAttemptChecks,
} from "../store/delivery-rows.js";
import {
  checkRuns,
  checkSuites,
  deploymentStatuses,
  deployments,
  releases,
  workflowJobs,
  workflowRuns,
} from "../store/schema.js";
import { upsertRows } from "../store/upsert.js";
import { applyAccounts } from "./apply.js";

/**
 * Runs are ordered by `updated_at`; one of the same second that is not `completed` never
 * overwrites a completed run (a re-run raises `updated_at` and `run_attempt`). A re-run's earlier
 * attempts' check runs are superseded (tombstoned); their jobs stay.
 */
export async function applyWorkflowRuns(
  tx: Db,
  repositoryId: number,
  runs: readonly GitHubWorkflowRun[],
): Promise<number> {
  await applyAccounts(
    tx,
    runs.map((run) => run.actor),
  );
  const rows = runs.map((run) => normalizeWorkflowRun(repositoryId, run));
  const late = await finishedAtOrAfter(tx, workflowRuns, rows);
  const fresh = rows.filter((row) => !late.has(row.id));
  const written = await upsertRows(tx, workflowRuns, fresh, {
    key: [workflowRuns.id],
    freshness: workflowRuns.updatedAt,
  });
  await tombstoneEarlierAttemptChecks(tx, fresh);
  return written;
}

/** Jobs have no `updated_at`: a completed job is final, an earlier state of it is not written. */
export async function applyWorkflowJobs(
  tx: Db,
  repositoryId: number,
  jobs: readonly GitHubWorkflowJob[],
): Promise<number> {
  const rows = jobs.map((job) => normalizeWorkflowJob(repositoryId, job));
  const final = await completedIds(
    tx,
    workflowJobs,
    rows.filter((row) => row.status !== "completed").map((row) => row.id),
  );
  return upsertRows(
    tx,
    workflowJobs,
    rows.filter((row) => !final.has(row.id)),
    { key: [workflowJobs.id] },
  );
}

export async function applyCheckSuites(
  tx: Db,
  repositoryId: number,
  suites: readonly GitHubCheckSuite[],
): Promise<number> {
  const rows = suites.map((suite) => normalizeCheckSuite(repositoryId, suite));
  const late = await finishedAtOrAfter(tx, checkSuites, rows);
  return upsertRows(
    tx,
    checkSuites,
    rows.filter((row) => !late.has(row.id)),
    { key: [checkSuites.id], freshness: checkSuites.updatedAt },
  );
}

/** Check runs have no `updated_at`: a completed run is final, an earlier state of it is not written. */
export async function applyCheckRuns(
  tx: Db,
  repositoryId: number,
  runs: readonly GitHubCheckRun[],
): Promise<number> {
  const rows = runs.map((run) => normalizeCheckRun(repositoryId, run));
  const final = await completedIds(
    tx,
    checkRuns,
    rows.filter((row) => row.status !== "completed").map((row) => row.id),
  );
  return upsertRows(
    tx,
    checkRuns,
    rows.filter((row) => !final.has(row.id)),
    { key: [checkRuns.id] },
  );
}

export async function applyDeployments(
  tx: Db,
  repositoryId: number,
  items: readonly GitHubDeployment[],
): Promise<number> {
  await applyAccounts(
    tx,
    items.map((deployment) => deployment.creator),
  );
  const rows = items.map((deployment) => normalizeDeployment(repositoryId, deployment));
  const written = await upsertRows(tx, deployments, rows, {
    key: [deployments.id],
    freshness: deployments.updatedAt,
  });
  // Statuses a webhook delivered before their deployment count from now on.
  await refreshDeploymentOutcome(
    tx,
    rows.map((row) => row.id),
  );
  return written;
}

/** A deployment's statuses (immutable once created), then its outcome derived from all it has. */
export async function applyDeploymentStatuses(
  tx: Db,
  repositoryId: number,
  deploymentId: number,
  statuses: readonly GitHubDeploymentStatus[],
): Promise<number> {
  await applyAccounts(
    tx,
    statuses.map((status) => status.creator),
  );
  const written = await upsertRows(
    tx,
    deploymentStatuses,
    statuses.map((status) => normalizeDeploymentStatus(repositoryId, deploymentId, status)),
    { key: [deploymentStatuses.id] },
  );
  await refreshDeploymentOutcome(tx, [deploymentId]);
  return written;
}

export async function applyReleases(
  tx: Db,
  repositoryId: number,
  items: readonly GitHubRelease[],
): Promise<number> {
  await applyAccounts(
    tx,
    items.map((release) => release.author),
  );
  return upsertRows(
    tx,
    releases,
    items.map((release) => normalizeRelease(repositoryId, release)),
    { key: [releases.id], freshness: releases.updatedAt },
  );
}
