/**
 * A repository's deliveries (docs/dora.md, "Deliveries") and the changes each ships, from plain
 * rows (pure). One source per repository, in this order: its production deployments; else, when
 * it has no deployment row at all, its published releases; else its deploy workflow's push runs
 * on the default branch. A delivery is counted once it has finished (a terminal result).
 */
import type { DoraDeliveryKind, DoraDeliveryResult, DoraDeliverySource } from "../contract/enums.js";
import type {
  DeploymentRow,
  DeploymentStatusRow,
  DoraRepository,
  DoraRows,
  DoraRules,
  PullRow,
  ReleaseRow,
  WorkflowRunRow,
} from "./dora-rows.js";

export type DeliverySource = DoraDeliverySource;
export type DeliveryKind = DoraDeliveryKind;
export type DeliveryResult = DoraDeliveryResult;

export interface Delivery {
  repositoryId: number;
  repository: string;
  id: number;
  kind: DeliveryKind;
  sha: string | null;
  createdAt: Date;
  finishedAt: Date;
  result: DeliveryResult;
}

const TERMINAL = new Set<string>(["success", "failure", "error"]);
/** Run conclusions that fail a delivery; cancelled, skipped, neutral… are no delivery at all. */
const FAILED_RUN = new Set<string>(["failure", "timed_out", "startup_failure"]);

const byTime = (a: { createdAt: Date; id: number }, b: { createdAt: Date; id: number }) =>
  a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;

/** The result and finish of a deployment: its first terminal status (by time, then id). */
function deploymentOutcome(
  deployment: DeploymentRow,
  statuses: readonly DeploymentStatusRow[] | undefined,
): { result: DeliveryResult; finishedAt: Date } | null {
  if (statuses && statuses.length > 0) {
    const first = [...statuses].sort(byTime).find((status) => TERMINAL.has(status.state));
    return first ? { result: first.state as DeliveryResult, finishedAt: first.createdAt } : null;
  }
  // Statuses not mirrored yet: the deployment row's own summary of them.
  if (deployment.finishedAt && deployment.latestState && TERMINAL.has(deployment.latestState))
    return { result: deployment.latestState as DeliveryResult, finishedAt: deployment.finishedAt };
  return null;
}

function fromDeployments(
  repo: DoraRepository,
  deployments: readonly DeploymentRow[],
  statuses: Map<number, DeploymentStatusRow[]>,
  rules: DoraRules,
): Delivery[] {
  return deployments.flatMap((deployment) => {
    if (!rules.productionEnv.test(deployment.environment)) return [];
    const outcome = deploymentOutcome(deployment, statuses.get(deployment.id));
    if (!outcome) return [];
    const { id, sha, createdAt } = deployment;
    return [
      {
        repositoryId: repo.id,
        repository: repo.fullName,
        id,
        kind: "deployment",
        sha,
        createdAt,
        ...outcome,
      },
    ];
  });
}

const publishedRelease = (release: ReleaseRow) =>
  release.deletedAt === null && !release.draft && !release.prerelease && release.publishedAt !== null;

function fromReleases(repo: DoraRepository, releases: readonly ReleaseRow[]): Delivery[] {
  return releases.filter(publishedRelease).map((release) => ({
    repositoryId: repo.id,
    repository: repo.fullName,
    id: release.id,
    kind: "release",
    sha: release.tagSha,
    createdAt: release.publishedAt as Date,
    finishedAt: release.publishedAt as Date,
    result: "success",
  }));
}

function fromWorkflowRuns(
  repo: DoraRepository,
  runs: readonly WorkflowRunRow[],
  rules: DoraRules,
): Delivery[] {
  return runs.flatMap((run) => {
    if (run.deletedAt !== null || run.event !== "push" || run.status !== "completed") return [];
    if (run.headBranch === null || run.headBranch !== repo.defaultBranch) return [];
    if (!rules.deployWorkflow.test(run.workflowName ?? "")) return [];
    const result =
      run.conclusion === "success" ? "success" : FAILED_RUN.has(run.conclusion ?? "") ? "failure" : null;
    if (!result) return [];
    return [
      {
        repositoryId: repo.id,
        repository: repo.fullName,
        id: run.id,
        kind: "workflow_run",
        sha: run.headSha,
        createdAt: run.createdAt,
        finishedAt: run.updatedAt,
        result,
      },
    ];
  });
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export interface RepositoryDeliveries {
  repository: DoraRepository;
  source: DeliverySource;
  /** By creation time (then id). */
  deliveries: Delivery[];
}

/** Each repository's deliveries and the source they came from. */
export function deliveriesOf(rows: DoraRows, rules: DoraRules): RepositoryDeliveries[] {
  const deployments = groupBy(
    rows.deployments.filter((row) => row.deletedAt === null),
    (row) => row.repositoryId,
  );
  const statuses = groupBy(rows.deploymentStatuses, (row) => row.deploymentId);
  const releases = groupBy(rows.releases.filter(publishedRelease), (row) => row.repositoryId);
  const runs = groupBy(rows.workflowRuns, (row) => row.repositoryId);
  return rows.repositories.map((repository) => {
    const own = deployments.get(repository.id);
    const published = releases.get(repository.id);
    const [source, deliveries]: [DeliverySource, Delivery[]] = own
      ? ["deployments", fromDeployments(repository, own, statuses, rules)]
      : published
        ? ["releases", fromReleases(repository, published)]
        : ["workflow_runs", fromWorkflowRuns(repository, runs.get(repository.id) ?? [], rules)];
    const none = source === "workflow_runs" && deliveries.length === 0;
    return { repository, source: none ? "none" : source, deliveries: deliveries.sort(byTime) };
  });
}

export const deliveryKey = (delivery: { kind: DeliveryKind; id: number }) =>
  `${delivery.kind}:${delivery.id}`;

/** Merged into the repository's default branch: the changes deliveries ship. */
export function changesOf(repository: DoraRepository, pulls: readonly PullRow[]): PullRow[] {
  return pulls
    .filter(
      (pull) =>
        pull.repositoryId === repository.id &&
        pull.deletedAt === null &&
        pull.mergedAt !== null &&
        repository.defaultBranch !== null &&
        pull.baseRef === repository.defaultBranch,
    )
    .sort((a, b) => (a.mergedAt as Date).getTime() - (b.mergedAt as Date).getTime() || a.id - b.id);
}

/**
 * The changes each delivery ships: merged after the previous delivery's creation (any result) and
 * at or before its own. The branch head is deployed at creation, so time decides (a rollback to an
 * older sha is attributed by time too: docs/dora.md, "Limits").
 */
export function shippedChanges(
  deliveries: readonly Delivery[],
  changes: readonly PullRow[],
): Map<string, PullRow[]> {
  const shipped = new Map<string, PullRow[]>();
  let previous: Date | null = null;
  for (const delivery of deliveries) {
    const after = previous;
    shipped.set(
      deliveryKey(delivery),
      changes.filter((change) => {
        const merged = (change.mergedAt as Date).getTime();
        return (after === null || merged > after.getTime()) && merged <= delivery.createdAt.getTime();
      }),
    );
    previous = delivery.createdAt;
  }
  return shipped;
}

/** The delivery that deployed a change: the first successful one created at or after its merge. */
export function deployingDelivery(deliveries: readonly Delivery[], change: PullRow): Delivery | undefined {
  const merged = (change.mergedAt as Date).getTime();
  return deliveries.find(
    (delivery) => delivery.result === "success" && delivery.createdAt.getTime() >= merged,
  );
}
