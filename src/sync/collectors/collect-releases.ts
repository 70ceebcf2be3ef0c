/**
 * Releases (`/releases`, newest first by creation; drafts included when the token can see them),
 * walked like every list (walk-list.ts). A release edited after it fell below the first page
 * (rare: most repositories have fewer than 100) arrives by the `release` webhook.
 *
 * `tag_sha`: the release object does not carry it. The first page of `/tags` (newest tags, a
 * conditional request: 0 points while no tag was pushed) names the commit of each tag, and is
 * asked only while a published release's sha is unknown. A release whose tag is not among the
 * newest 100 tags keeps a null `tag_sha`.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { GitHubRelease, GitHubTag } from "../../normalize/github-delivery-types.js";
import { applyReleases } from "../../mirror/apply-delivery.js";
import { saveEtag } from "../../store/checkpoints.js";
import { releases } from "../../store/schema.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import { walkList, type ListCollector } from "../walk-list.js";
import { readIfChanged } from "./read-if-changed.js";

export function releasesCollector(ctx: SyncContext): ListCollector<GitHubRelease> {
  return {
    entity: "releases",
    firstPageUrl: (repo) => `/repos/${repo.fullName}/releases?per_page=100`,
    dateOf: (release) => new Date(release.created_at),
    async writePage(tx, repo, items) {
      const written = await applyReleases(tx, repo.id, items);
      ctx.counts.releases += written;
      return written;
    },
  };
}

export async function collectReleases(
  ctx: SyncContext,
  repo: RepositoryRef,
  since: Date | null,
): Promise<void> {
  await walkList(ctx, repo, releasesCollector(ctx), since);
  await collectTagShas(ctx, repo);
}

async function collectTagShas(ctx: SyncContext, repo: RepositoryRef): Promise<void> {
  const unknown = await ctx.db
    .select({ id: releases.id })
    .from(releases)
    .where(
      and(
        eq(releases.repositoryId, repo.id),
        isNull(releases.deletedAt),
        isNull(releases.tagSha),
        eq(releases.draft, false),
      ),
    )
    .limit(1);
  if (unknown.length === 0) return;
  const url = `/repos/${repo.fullName}/tags?per_page=100`;
  const read = await readIfChanged<GitHubTag[]>(ctx, url);
  if (read.kind !== "changed") return;
  await ctx.db.transaction(async (tx) => {
    for (const tag of read.data) {
      await tx
        .update(releases)
        .set({ tagSha: tag.commit.sha })
        .where(and(eq(releases.repositoryId, repo.id), eq(releases.tagName, tag.name)));
    }
    await saveEtag(tx, url, read.etag);
  });
}
