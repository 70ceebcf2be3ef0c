import type { components } from "@octokit/openapi-types";
import { cleanText, toDate } from "./dates.js";
import type { CommitRow } from "./normalize-commit.js";

export type PushCommit = components["schemas"]["webhook-push"]["commits"][number];

/**
 * A commit of a push payload → row. The payload names people (name, email, login) but not their
 * account ids: those columns are left out, so a sync that knows them is never overwritten by a
 * push that does not. GitHub sends one timestamp per commit (the author's).
 */
export function normalizePushCommit(repositoryId: number, commit: PushCommit): CommitRow {
  return {
    repositoryId,
    sha: commit.id,
    authorName: commit.author.name ?? null,
    authorEmail: commit.author.email ?? null,
    committerName: commit.committer.name ?? null,
    committerEmail: commit.committer.email ?? null,
    authoredAt: toDate(commit.timestamp),
    committedAt: toDate(commit.timestamp),
    message: cleanText(commit.message) ?? "",
    onDefaultBranch: true,
  };
}
