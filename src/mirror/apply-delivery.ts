/**
 * Writing delivery data into the mirror (workflow runs and jobs, check suites and runs,
 * deployments and statuses, releases): normalize, then upsert keyed by GitHub's ids, never over a
 * newer row. The collectors of `sync/` and the handlers of `webhooks/` both write through here.
 * Each returns how many rows changed.
 */
import {
  normalizeCheckRun,
  normalizeCheckSuite,
  type CheckRunRow,
  type CheckSuiteRow,
} from "../normalize/normalize-check.js";
import { normalizeDeployment, normalizeDeploymentStatus } from "../normalize/normalize-deployment.js";
import { normalizeRelease } from "../normalize/normalize-release.js";
import {
  normalizeWorkflowJob,
  normalizeWorkflowRun,
  type WorkflowJobRow,
} from "../normalize/normalize-workflow-run.js";
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
  tombstonedIds,
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
  return applyWorkflowJobRows(
    tx,
    jobs.map((job) => normalizeWorkflowJob(repositoryId, job)),
  );
}

export async function applyWorkflowJobRows(tx: Db, rows: readonly WorkflowJobRow[]): Promise<number> {
  return upsertUnlessFinal(tx, workflowJobs, rows);
}

/**
 * Check suites and runs from webhook deliveries: those the mirror retired (a former head's, a
 * superseded attempt's, one GitHub no longer has) stay tombstoned — a late delivery does not bring
 * them back; the sync, which reads current heads, does when one is current again.
 */
export async function applyDeliveredCheckSuites(
  tx: Db,
  repositoryId: number,
  suites: readonly GitHubCheckSuite[],
): Promise<number> {
  const rows = suites.map((suite) => normalizeCheckSuite(repositoryId, suite));
  const retired = await tombstonedIds(
    tx,
    checkSuites,
    rows.map((row) => row.id),
  );
  return applyCheckSuiteRows(
    tx,
    rows.filter((row) => !retired.has(row.id)),
  );
}

export async function applyCheckSuiteRows(tx: Db, rows: readonly CheckSuiteRow[]): Promise<number> {
  const late = await finishedAtOrAfter(tx, checkSuites, rows);
  return upsertRows(
    tx,
    checkSuites,
    rows.filter((row) => !late.has(row.id)),
    { key: [checkSuites.id], freshness: checkSuites.updatedAt },
  );
}

export async function applyDeliveredCheckRuns(
  tx: Db,
  repositoryId: number,
  runs: readonly GitHubCheckRun[],
): Promise<number> {
  const rows = runs.map((run) => normalizeCheckRun(repositoryId, run));
  const retired = await tombstonedIds(
    tx,
    checkRuns,
    rows.map((row) => row.id),
  );
  return applyCheckRunRows(
    tx,
    rows.filter((row) => !retired.has(row.id)),
  );
}

export async function applyCheckRunRows(tx: Db, rows: readonly CheckRunRow[]): Promise<number> {
  return upsertUnlessFinal(tx, checkRuns, rows);
}

/** Check runs and jobs have no `updated_at`: a completed one is final, an earlier state of it is not written. */
async function upsertUnlessFinal(
  tx: Db,
  table: typeof checkRuns | typeof workflowJobs,
  rows: readonly (CheckRunRow | WorkflowJobRow)[],
): Promise<number> {
  const final = await completedIds(
    tx,
    table,
    rows.filter((row) => row.status !== "completed").map((row) => row.id),
  );
  return upsertRows(
    tx,
    table,
    rows.filter((row) => !final.has(row.id)),
    { key: [table.id] },
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
