import { toId } from "./ids.js";
import type { commits } from "../store/schema.js";
import { cleanText, toDate } from "./dates.js";
import type { GitHubCommit } from "./github-types.js";

export type CommitRow = typeof commits.$inferInsert;

/** A commit of the default-branch list → row (author/committer: account when GitHub matched one, raw name/email always). */
export function normalizeCommit(repositoryId: number, commit: GitHubCommit): CommitRow {
  const git = commit.commit;
  return {
    repositoryId,
    sha: commit.sha,
    authorId: commit.author && "id" in commit.author ? toId(commit.author.id) : null,
    authorName: git.author?.name ?? null,
    authorEmail: git.author?.email ?? null,
    committerId: commit.committer && "id" in commit.committer ? toId(commit.committer.id) : null,
    committerName: git.committer?.name ?? null,
    committerEmail: git.committer?.email ?? null,
    authoredAt: toDate(git.author?.date),
    committedAt: toDate(git.committer?.date),
    message: cleanText(git.message) ?? "",
    onDefaultBranch: true,
    ...(commit.stats
      ? { additions: commit.stats.additions ?? null, deletions: commit.stats.deletions ?? null }
      : {}),
  };
}
