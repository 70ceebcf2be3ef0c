/**
 * A repository's delivery data (GitHub issue 18), after its other collections: workflow runs and
 * their jobs, deployments and their statuses, releases, and the check runs of the commits that
 * matter (collect-check-runs.ts). Each is incremental and resumable on its own checkpoint.
 */
import type { RepositoryRef, SyncContext } from "../context.js";
import { collectDeployments } from "./collect-deployments.js";
import { collectReleases } from "./collect-releases.js";
import { collectWorkflowRuns } from "./collect-workflow-runs.js";

export async function collectDeliveryData(
  ctx: SyncContext,
  repo: RepositoryRef,
  since: Date | null,
): Promise<void> {
  await collectWorkflowRuns(ctx, repo, since);
  await collectDeployments(ctx, repo, since);
  await collectReleases(ctx, repo, since);
}
