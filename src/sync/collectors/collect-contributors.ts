/**
 * Contributors: a small list replaced as a whole. Its first page is polled with its ETag (304 →
 * unchanged, 0 points); on a change every page is read and the set is replaced in one transaction.
 */
import { and, eq, notInArray } from "drizzle-orm";
import { normalizeContributor, type ContributorRow } from "../../normalize/normalize-contributor.js";
import type { GitHubContributor } from "../../normalize/github-types.js";
import { loadEtag, saveEtag } from "../../store/checkpoints.js";
import { contributors } from "../../store/schema.js";
import { upsertRows } from "../../store/upsert.js";
import type { RepositoryRef, SyncContext } from "../context.js";

export async function collectContributors(ctx: SyncContext, repo: RepositoryRef): Promise<void> {
  const pollUrl = `/repos/${repo.fullName}/contributors?per_page=100`;
  const task = ctx.progress.task(`${repo.fullName} contributors`);
  task.expect(1);
  const first = await ctx.client.get<GitHubContributor[]>(pollUrl, await loadEtag(ctx.db, pollUrl));
  task.advance(1);
  if (first.status === 304) return task.finish();
  const rows: ContributorRow[] = [];
  let page = first;
  for (;;) {
    // An empty repository answers 204 with no body.
    for (const item of Array.isArray(page.data) ? page.data : []) {
      const row = normalizeContributor(repo.id, item);
      if (row) rows.push(row);
    }
    if (!page.next) break;
    task.expect(1);
    page = await ctx.client.get<GitHubContributor[]>(page.next);
    task.advance(1);
  }
  await ctx.db.transaction(async (tx) => {
    const written = await upsertRows(tx, contributors, rows, {
      key: [contributors.repositoryId, contributors.accountId],
    });
    // Read-modify-write after the await: workers run concurrently.
    ctx.counts.contributors += written;
    const current = rows.map((row) => row.accountId);
    await tx
      .delete(contributors)
      .where(
        and(
          eq(contributors.repositoryId, repo.id),
          ...(current.length > 0 ? [notInArray(contributors.accountId, current)] : []),
        ),
      );
    await saveEtag(tx, pollUrl, first.etag);
  });
  task.finish();
}
