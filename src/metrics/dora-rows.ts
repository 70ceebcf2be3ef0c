/**
 * The rows DORA metrics are computed from, as plain values (the mirror's columns, camel-cased):
 * the loader (load-delivery-rows.ts) reads them from the database, a test or a brute-force check
 * builds them by hand. Every filter of docs/dora.md (tombstones, environments, drafts, labels) is
 * applied by the computation, not by the loader, so hand-built rows need no preparation.
 */

export interface DoraRepository {
  id: number;
  fullName: string;
  defaultBranch: string | null;
}

export interface DeploymentRow {
  id: number;
  repositoryId: number;
  environment: string;
  sha: string;
  createdAt: Date;
  /** The newest status's state and the first terminal status's time: used only when no status row is mirrored. */
  latestState: string | null;
  finishedAt: Date | null;
  deletedAt: Date | null;
}

export interface DeploymentStatusRow {
  id: number;
  deploymentId: number;
  state: string;
  createdAt: Date;
}

export interface ReleaseRow {
  id: number;
  repositoryId: number;
  tagName: string;
  tagSha: string | null;
  draft: boolean;
  prerelease: boolean;
  publishedAt: Date | null;
  deletedAt: Date | null;
}

export interface WorkflowRunRow {
  id: number;
  repositoryId: number;
  workflowName: string | null;
  event: string;
  headBranch: string | null;
  headSha: string;
  status: string | null;
  conclusion: string | null;
  createdAt: Date;
  runStartedAt: Date | null;
  updatedAt: Date;
  deletedAt: Date | null;
}

export interface PullRow {
  id: number;
  repositoryId: number;
  number: number;
  authorId: number | null;
  baseRef: string | null;
  createdAt: Date;
  mergedAt: Date | null;
  firstCommitAt: Date | null;
  deletedAt: Date | null;
}

export interface IssueRow {
  id: number;
  repositoryId: number;
  number: number;
  title: string;
  labels: readonly string[];
  createdAt: Date;
  closedAt: Date | null;
  deletedAt: Date | null;
}

/** Everything of a scope the four keys read. `teamMemberIds`: only changes by these accounts (a team scope). */
export interface DoraRows {
  repositories: readonly DoraRepository[];
  deployments: readonly DeploymentRow[];
  deploymentStatuses: readonly DeploymentStatusRow[];
  releases: readonly ReleaseRow[];
  workflowRuns: readonly WorkflowRunRow[];
  pulls: readonly PullRow[];
  issues: readonly IssueRow[];
  teamMemberIds: readonly number[] | null;
}

/** How deliveries and incidents are recognized (settings GHSYNC_DORA_*, config/settings.ts). */
export interface DoraRules {
  productionEnv: RegExp;
  incidents: { label: boolean; failedDeployment: boolean };
  incidentLabel: RegExp;
  deployWorkflow: RegExp;
}
