/**
 * Commits on the default branch, newest first. Incremental walks stop at the first page holding a
 * commit the mirror already has — once every parent of the new commits is mirrored or found: a
 * branch merged with a merge commit brings in commits whose older dates list them far below known
 * ones, so a missing parent is followed with `commits?sha=` (a page per 100 commits) instead of
 * paging the whole list. Commits the mirror had above that point but the branch no longer reaches
 * were force-pushed away and are marked off the branch (kept, not deleted), and so are those a
 * dropped merge commit had brought in, found by GitHub's compare (droppedByForcePush).
 */
import { and, desc, eq, gt, inArray, lt, notInArray, type SQL } from "drizzle-orm";
import type { GitHubPage } from "../../github/client.js";
import { normalizeCommit } from "../../normalize/normalize-commit.js";
import type { GitHubAccount, GitHubCommit } from "../../normalize/github-types.js";
import type { Db } from "../../store/database.js";
import { commits } from "../../store/schema.js";
import { markCommitsOffBranch } from "../../store/tombstones.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import type { ListCollector } from "../walk-list.js";
import { applyAccounts, applyCommitRows } from "../../mirror/apply.js";

/** GitHub sends `{}` or null when a commit's email matches no account. */
function accountOf(account: GitHubCommit["author"]): GitHubAccount | null {
  return account !== null && "login" in account ? (account as GitHubAccount) : null;
}

function commitDate(commit: GitHubCommit): Date | null {
  const date = commit.commit.committer?.date ?? commit.commit.author?.date;
  return date ? new Date(date) : null;
}

/** Requests a walk may spend following parents of merged-in branches before leaving the rest to verification. */
const MAX_PARENT_WALKS = 50;

/** Which of `shas` the mirror holds on the default branch. */
async function knownOnBranch(db: Db, repo: RepositoryRef, shas: string[]): Promise<Set<string>> {
  if (shas.length === 0) return new Set();
  const stored = await db
    .select({ sha: commits.sha })
    .from(commits)
    .where(
      and(eq(commits.repositoryId, repo.id), eq(commits.onDefaultBranch, true), inArray(commits.sha, shas)),
    );
  return new Set(stored.map((row) => row.sha));
}

export function commitsCollector(ctx: SyncContext): ListCollector<GitHubCommit> {
  // The first commit of the walk that the mirror already had (decided before the page is written).
  let firstKnown: GitHubCommit | undefined;
  // Parents of new commits that neither the walk nor the mirror has: while one is missing, commits
  // of a merged branch are still to be found (listed by date, they can sit far below known ones).
  const missing = new Set<string>();
  const seenShas = new Set<string>();
  // New commits found by following missing parents (commits?sha=), written with the last page.
  const followed: GitHubCommit[] = [];
  // Commits a force-push dropped below the stop point (droppedByForcePush), marked with the last page.
  let droppedBelow: string[] = [];

  const note = (items: GitHubCommit[], known: Set<string>) => {
    for (const commit of items) {
      seenShas.add(commit.sha);
      missing.delete(commit.sha);
      if (known.has(commit.sha)) continue;
      for (const parent of commit.parents ?? []) if (!seenShas.has(parent.sha)) missing.add(parent.sha);
    }
  };

  /** Walks from each missing parent until every one is mirrored or found. */
  const followMissing = async (db: Db, repo: RepositoryRef) => {
    for (let walks = 0; missing.size > 0; walks++) {
      for (const sha of await knownOnBranch(db, repo, [...missing])) missing.delete(sha);
      const [next] = missing;
      if (next === undefined) return;
      if (walks === MAX_PARENT_WALKS) {
        ctx.log.warn(
          { repository: repo.fullName, missing: missing.size },
          "stopped following the parents of merged branches; verification finds the rest",
        );
        return;
      }
      const page = await ctx.client.get<GitHubCommit[]>(
        `/repos/${repo.fullName}/commits?sha=${next}&per_page=100`,
      );
      const items = page.data ?? [];
      if (items.length === 0) missing.delete(next);
      const known = await knownOnBranch(
        db,
        repo,
        items.map((c) => c.sha),
      );
      followed.push(...items.filter((c) => !known.has(c.sha) && !seenShas.has(c.sha)));
      note(items, known);
    }
  };

  const write = async (tx: Db, repo: RepositoryRef, items: GitHubCommit[]) => {
    await applyAccounts(
      tx,
      items.flatMap((c) => [accountOf(c.author), accountOf(c.committer)]),
    );
    const written = await applyCommitRows(
      tx,
      items.map((c) => normalizeCommit(repo.id, c)),
    );
    ctx.counts.commits += written;
    return written;
  };

  return {
    entity: "commits",
    firstPageUrl: (repo) =>
      `/repos/${repo.fullName}/commits?sha=${encodeURIComponent(repo.defaultBranch ?? "")}&per_page=100`,
    dateOf: commitDate,
    writePage: write,
    async reachesKnown(db, repo, items) {
      if (items.length === 0) return true;
      const known = await knownOnBranch(
        db,
        repo,
        items.map((c) => c.sha),
      );
      firstKnown ??= items.find((c) => known.has(c.sha));
      note(items, known);
      if (firstKnown === undefined) return false;
      await followMissing(db, repo);
      return true;
    },
    async beforeFinish(db, repo, seen, startedAt) {
      const [head] = seen;
      const boundary = firstKnown ? commitDate(firstKnown) : null;
      if (head && boundary)
        droppedBelow = await droppedByForcePush(ctx, db, repo, head.sha, boundary, seen, startedAt);
    },
    async finishIncremental(tx, repo, seen, startedAt) {
      if (followed.length > 0) await write(tx, repo, followed);
      await markUnreachable(tx, repo, [...seen, ...followed], firstKnown, startedAt, droppedBelow);
    },
  };
}

/**
 * What a force-push dropped below the walk's stop point: the commits a dropped merge commit had
 * brought in are listed at their own, older dates, where no walk from the top reaches. GitHub's
 * compare of the new head with the mirror's old one names every commit the branch lost, in one
 * request per 100. Nothing to ask when the mirror's newest commit is still on the branch.
 */
async function droppedByForcePush(
  ctx: SyncContext,
  db: Db,
  repo: RepositoryRef,
  head: string,
  boundary: Date,
  seen: GitHubCommit[],
  startedAt: Date,
): Promise<string[]> {
  const [oldHead] = await db
    .select({ sha: commits.sha })
    .from(commits)
    .where(
      and(
        aboveStopPoint(repo, startedAt, boundary),
        notInArray(
          commits.sha,
          seen.map((commit) => commit.sha),
        ),
      ),
    )
    .orderBy(desc(commits.committedAt))
    .limit(1);
  if (!oldHead) return [];
  const dropped: string[] = [];
  let url: string | undefined = `/repos/${repo.fullName}/compare/${head}...${oldHead.sha}?per_page=100`;
  while (url) {
    const page: GitHubPage<{ commits?: { sha: string }[] }> = await ctx.client.get(url);
    dropped.push(...(page.data?.commits ?? []).map((commit) => commit.sha));
    url = page.next;
  }
  return dropped;
}

/**
 * Mirrored commits on the branch above the walk's stop point (all of them when it walked the whole
 * list), written before the walk began: a commit a webhook wrote while the walk ran is newer than
 * the pages the walk saw.
 */
function aboveStopPoint(repo: RepositoryRef, startedAt: Date, boundary: Date | null): SQL | undefined {
  return and(
    eq(commits.repositoryId, repo.id),
    eq(commits.onDefaultBranch, true),
    lt(commits.syncedAt, startedAt),
    ...(boundary ? [gt(commits.committedAt, boundary)] : []),
  );
}

async function markUnreachable(
  tx: Db,
  repo: RepositoryRef,
  seen: GitHubCommit[],
  firstKnown: GitHubCommit | undefined,
  startedAt: Date,
  droppedBelow: string[],
): Promise<void> {
  const boundary = firstKnown ? commitDate(firstKnown) : null;
  const seenShas = new Set(seen.map((c) => c.sha));
  const candidates = await tx
    .select({ sha: commits.sha })
    .from(commits)
    .where(aboveStopPoint(repo, startedAt, boundary));
  const unreachable = candidates.map((row) => row.sha).filter((sha) => !seenShas.has(sha));
  await markCommitsOffBranch(tx, repo.id, [...unreachable, ...droppedBelow], startedAt);
}
