/**
 * Deployments (`/deployments`, a plain array, newest first by creation), walked like every list
 * (walk-list.ts), then their statuses (`/deployments/{id}/statuses`, newest first):
 * - for every deployment whose `updated_at` (GitHub moves it when a status is added) differs from
 *   `statuses_synced_for`, set in the transaction that writes the statuses (the checkpoint);
 * - for unfinished deployments (no success, failure or error status yet) created within
 *   UNFINISHED_WINDOW_MS that the walk did not re-list: their statuses are read again with their
 *   ETags, 0 points while unchanged (304) — the walk stops at the high-water mark (the newest
 *   deployment's creation) minus the overlap, below which a deployment's new status is not listed.
 * The deployment's `latest_state` and `finished_at` are derived from its stored statuses (mirror).
 * A status added later to a finished deployment (`inactive` when a newer one replaces it) arrives
 * by the `deployment_status` webhook.
 */
import { and, desc, eq, gte, isNull, notInArray, or, sql } from "drizzle-orm";
import type { GitHubPage } from "../../github/client.js";
import type { GitHubDeployment, GitHubDeploymentStatus } from "../../normalize/github-delivery-types.js";
import { toId } from "../../normalize/ids.js";
import { applyDeployments, applyDeploymentStatuses } from "../../mirror/apply-delivery.js";
import { loadEtag, saveEtag } from "../../store/checkpoints.js";
import { unlessGone } from "../../github/unless-gone.js";
import { deployments } from "../../store/schema.js";
import { markDeleted } from "../../store/tombstones.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import { eachConcurrently } from "../each-concurrently.js";
import { walkList, type ListCollector } from "../walk-list.js";

/** A deployment's statuses come within minutes to hours; a day of deployments is re-listed on a change. */
export const DEPLOYMENT_OVERLAP_MS = 24 * 3_600_000;
/** Unfinished deployments older than this stay as they are (many tools never post a final status). */
const UNFINISHED_WINDOW_MS = 7 * 86_400_000;
const MAX_STATUS_READS = 500;

export function deploymentsCollector(ctx: SyncContext, seen: Set<number>): ListCollector<GitHubDeployment> {
  return {
    entity: "deployments",
    firstPageUrl: (repo) => `/repos/${repo.fullName}/deployments?per_page=100`,
    dateOf: (deployment) => new Date(deployment.created_at),
    overlapMs: DEPLOYMENT_OVERLAP_MS,
    async writePage(tx, repo, items) {
      for (const deployment of items) seen.add(toId(deployment.id));
      const written = await applyDeployments(tx, repo.id, items);
      ctx.counts.deployments += written;
      return written;
    },
  };
}

export async function collectDeployments(
  ctx: SyncContext,
  repo: RepositoryRef,
  since: Date | null,
  now: Date = new Date(),
): Promise<void> {
  const seen = new Set<number>();
  await walkList(ctx, repo, deploymentsCollector(ctx, seen), since);
  const pending = await ctx.db
    .select({ id: deployments.id, updatedAt: deployments.updatedAt })
    .from(deployments)
    .where(
      and(
        eq(deployments.repositoryId, repo.id),
        isNull(deployments.deletedAt),
        or(
          isNull(deployments.statusesSyncedFor),
          sql`${deployments.statusesSyncedFor} <> ${deployments.updatedAt}`,
          and(
            isNull(deployments.finishedAt),
            gte(deployments.createdAt, new Date(now.getTime() - UNFINISHED_WINDOW_MS)),
            ...(seen.size > 0 ? [notInArray(deployments.id, [...seen])] : []),
          ),
        ),
      ),
    )
    .orderBy(desc(deployments.createdAt))
    .limit(MAX_STATUS_READS);
  if (pending.length === 0) return;
  const task = ctx.progress.task(`${repo.fullName} deployment statuses`);
  task.expect(pending.length);
  await eachConcurrently(pending, ctx.concurrency, async (deployment) => {
    await collectStatuses(ctx, repo, deployment);
    task.advance(1);
  });
  task.finish();
}

/**
 * One deployment's statuses: the first page conditionally (304: none added), every page on a
 * change (a deployment rarely has more than a handful).
 */
async function collectStatuses(
  ctx: SyncContext,
  repo: RepositoryRef,
  deployment: { id: number; updatedAt: Date },
): Promise<void> {
  const firstUrl = `/repos/${repo.fullName}/deployments/${deployment.id}/statuses?per_page=100`;
  const statuses: GitHubDeploymentStatus[] = [];
  let url: string | undefined = firstUrl;
  let firstEtag: string | undefined;
  let gone = false;
  let unchanged = false;
  for (let first = true; url; first = false) {
    const page: GitHubPage<GitHubDeploymentStatus[]> | undefined = await unlessGone(
      ctx.client.get<GitHubDeploymentStatus[]>(url, first ? await loadEtag(ctx.db, url) : undefined),
    );
    gone = page === undefined;
    if (!page) break;
    if (page.status === 304) {
      unchanged = true;
      break;
    }
    if (first) firstEtag = page.etag;
    statuses.push(...(page.data ?? []));
    url = page.next;
  }
  await ctx.db.transaction(async (tx) => {
    if (gone) await markDeleted(tx, deployments, [deployment.id], new Date());
    if (!unchanged && !gone) {
      await applyDeploymentStatuses(tx, repo.id, deployment.id, statuses);
      await saveEtag(tx, firstUrl, firstEtag);
    }
    await tx
      .update(deployments)
      .set({ statusesSyncedFor: deployment.updatedAt })
      .where(eq(deployments.id, deployment.id));
  });
}
