/**
 * A repository's delivery data (GitHub issue 18), after its other collections: workflow runs and
 * their jobs, deployments and their statuses, releases, and the check suites and runs of the
 * commits that matter (collect-check-runs.ts). Each is incremental and resumable on its
 * own checkpoint.
 *
 * A token may be refused one of these APIs while it reads the rest (a GitHub App installed without
 * the `actions` permission: 403 "Resource not accessible by integration"; Actions unavailable on
 * an older GitHub Enterprise Server: 404). That entity is then left out with a warning, and the
 * repository's sync goes on; any other failure fails the sync as usual.
 */
import { isGhsyncError } from "../../util/errors.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import { collectCheckRuns } from "./collect-check-runs.js";
import { collectDeployments } from "./collect-deployments.js";
import { collectReleases } from "./collect-releases.js";
import { collectWorkflowRuns } from "./collect-workflow-runs.js";

export async function collectDeliveryData(
  ctx: SyncContext,
  repo: RepositoryRef,
  since: Date | null,
): Promise<void> {
  await unlessRefused(ctx, repo, "workflow runs", () => collectWorkflowRuns(ctx, repo, since));
  await unlessRefused(ctx, repo, "deployments", () => collectDeployments(ctx, repo, since));
  await unlessRefused(ctx, repo, "releases", () => collectReleases(ctx, repo, since));
  await unlessRefused(ctx, repo, "check runs", () => collectCheckRuns(ctx, repo));
}

async function unlessRefused(
  ctx: SyncContext,
  repo: RepositoryRef,
  what: string,
  collect: () => Promise<void>,
): Promise<void> {
  try {
    await collect();
  } catch (error) {
    if (!refused(error)) throw error;
    ctx.log.warn(
      { repository: repo.fullName, reason: (error as Error).message },
      `${what} of ${repo.fullName} left out: the token may not read them (give the App or token access to read them)`,
    );
  }
}

function refused(error: unknown): boolean {
  if (!isGhsyncError(error)) return false;
  if (error.code === "not_found") return true;
  return error.code === "forbidden" && /not accessible by integration/i.test(error.message);
}
