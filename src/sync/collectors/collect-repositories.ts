/**
 * Which repositories a sync covers, written to the mirror first (keyed by id: a renamed
 * repository keeps its row; GitHub's 301 to `/repositories/{id}` is followed). An organization's
 * list is polled with its ETag (304 → the stored set); repositories gone from it are tombstoned.
 */
import { and, eq, isNull, notInArray, sql } from "drizzle-orm";
import type { GitHubRepository } from "../../normalize/github-types.js";
import { loadEtag, saveEtag } from "../../store/checkpoints.js";
import type { Db } from "../../store/database.js";
import { repositories } from "../../store/schema.js";
import { markDeleted } from "../../store/tombstones.js";
import { applyRepositories } from "../../mirror/apply.js";
import { GhsyncError } from "../../util/errors.js";
import type { RepositoryRef, SyncContext } from "../context.js";

const refColumns = {
  id: repositories.id,
  fullName: repositories.fullName,
  defaultBranch: repositories.defaultBranch,
};

async function writeRepositories(ctx: SyncContext, tx: Db, repos: GitHubRepository[]): Promise<void> {
  const written = await applyRepositories(tx, repos);
  // Read-modify-write after the await: workers run concurrently.
  ctx.counts.repositories += written;
}

export function toRef(repo: GitHubRepository): RepositoryRef {
  return { id: Number(repo.id), fullName: repo.full_name, defaultBranch: repo.default_branch ?? null };
}

/**
 * Every repository of `org` (forks and archived included). The list's first page holds the newest
 * repositories, so its 304 says none was added — not that none was deleted further down: `fresh`
 * (a full pass) reads every page to find those.
 */
export async function collectOrganization(
  ctx: SyncContext,
  org: string,
  options: { fresh?: boolean } = {},
): Promise<RepositoryRef[]> {
  const pollUrl = `/orgs/${encodeURIComponent(org)}/repos?type=all&per_page=100`;
  const task = ctx.progress.task(`${org} repositories`);
  task.expect(1);
  const etag = options.fresh ? undefined : await loadEtag(ctx.db, pollUrl);
  let page = await ctx.client.get<GitHubRepository[]>(pollUrl, etag);
  task.advance(1);
  if (page.status === 304) {
    task.finish();
    return ctx.db
      .select(refColumns)
      .from(repositories)
      .where(and(sql`lower(${repositories.owner}) = lower(${org})`, isNull(repositories.deletedAt)));
  }
  const firstEtag = page.etag;
  const found: GitHubRepository[] = [];
  for (;;) {
    found.push(...(page.data ?? []));
    if (!page.next) break;
    task.expect(1);
    page = await ctx.client.get<GitHubRepository[]>(page.next);
    task.advance(1);
  }
  const ownerId = found[0]?.owner.id;
  await ctx.db.transaction(async (tx) => {
    await writeRepositories(ctx, tx, found);
    if (ownerId !== undefined) {
      const gone = await tx
        .select({ id: repositories.id })
        .from(repositories)
        .where(
          and(
            eq(repositories.ownerId, Number(ownerId)),
            isNull(repositories.deletedAt),
            notInArray(
              repositories.id,
              found.map((repo) => Number(repo.id)),
            ),
          ),
        );
      await markDeleted(
        tx,
        repositories,
        gone.map((row) => row.id),
        new Date(),
      );
    }
    await saveEtag(tx, pollUrl, firstEtag);
  });
  task.finish();
  return found.map(toRef);
}

/**
 * One repository by name. 304 → the stored row. 404 → a stored repository of that name is
 * tombstoned (deleted upstream) and skipped; an unknown one is an error naming it.
 */
export async function collectRepository(
  ctx: SyncContext,
  fullName: string,
): Promise<RepositoryRef | undefined> {
  const url = `/repos/${fullName}`;
  const stored = await ctx.db
    .select(refColumns)
    .from(repositories)
    .where(and(sql`lower(${repositories.fullName}) = lower(${fullName})`, isNull(repositories.deletedAt)));
  const task = ctx.progress.task(`${fullName} repository`);
  task.expect(1);
  try {
    const page = await ctx.client.get<GitHubRepository>(
      url,
      stored[0] ? await loadEtag(ctx.db, url) : undefined,
    );
    task.advance(1);
    if (page.status === 304 && stored[0]) return stored[0];
    const repo = page.data as GitHubRepository;
    await ctx.db.transaction(async (tx) => {
      await writeRepositories(ctx, tx, [repo]);
      await saveEtag(tx, url, page.etag);
    });
    return toRef(repo);
  } catch (error) {
    if (!(error instanceof GhsyncError) || error.code !== "not_found") throw error;
    if (!stored[0]) {
      throw new GhsyncError(
        "unknown_repository",
        `repository ${fullName} was not found on GitHub (404), or the token cannot see it`,
        {
          status: 404,
        },
      );
    }
    ctx.log.warn({ repository: fullName }, "repository deleted upstream; marking it deleted");
    await markDeleted(ctx.db, repositories, [stored[0].id], new Date());
    return undefined;
  } finally {
    task.finish();
  }
}
