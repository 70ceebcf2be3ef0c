/**
 * A repository followed by its id (`GET /repositories/{id}`), which answers through renames and
 * transfers: a new name or owner is written over the mirror's row — even a row the organization
 * walk tombstoned when it left the organization — and a 404 confirms it is gone.
 */
import { eq } from "drizzle-orm";
import type { GitHubRepository } from "../../normalize/github-types.js";
import { normalizeRepository } from "../../normalize/normalize-repository.js";
import { applyAccounts } from "../../mirror/apply.js";
import { repositories } from "../../store/schema.js";
import { markDeleted } from "../../store/tombstones.js";
import { textSafe } from "../../store/text-safe.js";
import { unlessGone } from "../../github/unless-gone.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import type { VerifyCounts } from "./verify-counts.js";

export async function followRepository(
  ctx: SyncContext,
  repo: RepositoryRef,
  counts: VerifyCounts,
): Promise<RepositoryRef | null> {
  const found = (await unlessGone(ctx.client.get<GitHubRepository>(`/repositories/${repo.id}`)))?.data;
  counts.checked++;
  if (!found) {
    const deleted = await markDeleted(ctx.db, repositories, [repo.id], new Date());
    counts.deleted += deleted;
    return null;
  }
  const [stored] = await ctx.db
    .select({ fullName: repositories.fullName, deletedAt: repositories.deletedAt })
    .from(repositories)
    .where(eq(repositories.id, repo.id));
  if (stored && (stored.fullName !== found.full_name || stored.deletedAt !== null)) {
    // GitHub's answer by id is the truth: written whatever the row's freshness (a tombstone moved it).
    await ctx.db.transaction(async (tx) => {
      await applyAccounts(tx, [found.owner]);
      const { id: _id, ...row } = normalizeRepository(found);
      await tx
        .update(repositories)
        .set(textSafe({ ...row, deletedAt: null }))
        .where(eq(repositories.id, repo.id));
    });
    if (stored.fullName !== found.full_name) counts.moved++;
  }
  return { id: repo.id, fullName: found.full_name, defaultBranch: found.default_branch ?? null };
}
