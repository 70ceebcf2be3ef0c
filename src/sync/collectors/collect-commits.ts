/**
 * Commits on the default branch, newest first. Incremental walks stop at the first page holding a
 * commit the mirror already has; commits the mirror had above that point but the branch no longer
 * reaches were force-pushed away and are marked off the branch (kept, not deleted).
 */
import { and, eq, gt, inArray, lt } from "drizzle-orm";
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

export function commitsCollector(ctx: SyncContext): ListCollector<GitHubCommit> {
  // The first commit of the walk that the mirror already had (decided before the page is written).
  let firstKnown: GitHubCommit | undefined;
  return {
    entity: "commits",
    firstPageUrl: (repo) =>
      `/repos/${repo.fullName}/commits?sha=${encodeURIComponent(repo.defaultBranch ?? "")}&per_page=100`,
    dateOf: commitDate,
    async writePage(tx, repo, items) {
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
    },
    async reachesKnown(db, repo, items) {
      if (items.length === 0) return true;
      const stored = await db
        .select({ sha: commits.sha })
        .from(commits)
        .where(
          and(
            eq(commits.repositoryId, repo.id),
            eq(commits.onDefaultBranch, true),
            inArray(
              commits.sha,
              items.map((c) => c.sha),
            ),
          ),
        );
      const known = new Set(stored.map((row) => row.sha));
      firstKnown = items.find((c) => known.has(c.sha));
      return firstKnown !== undefined;
    },
    async finishIncremental(tx, repo, seen, startedAt) {
      await markUnreachable(tx, repo, seen, firstKnown, startedAt);
    },
  };
}

async function markUnreachable(
  tx: Db,
  repo: RepositoryRef,
  seen: GitHubCommit[],
  firstKnown: GitHubCommit | undefined,
  startedAt: Date,
): Promise<void> {
  const boundary = firstKnown ? commitDate(firstKnown) : null;
  const seenShas = new Set(seen.map((c) => c.sha));
  const candidates = await tx
    .select({ sha: commits.sha })
    .from(commits)
    .where(
      and(
        eq(commits.repositoryId, repo.id),
        eq(commits.onDefaultBranch, true),
        // A commit a webhook wrote while the walk ran is newer than the pages the walk saw.
        lt(commits.syncedAt, startedAt),
        ...(boundary ? [gt(commits.committedAt, boundary)] : []),
      ),
    );
  const unreachable = candidates.map((row) => row.sha).filter((sha) => !seenShas.has(sha));
  await markCommitsOffBranch(tx, repo.id, unreachable);
}
