import { toId } from "./ids.js";
import type { repositories } from "../store/schema.js";
import { cleanText, toDate } from "./dates.js";
import type { GitHubRepository } from "./github-types.js";

export type RepositoryRow = Omit<
  typeof repositories.$inferInsert,
  "tracked" | "syncDepth" | "lastSyncedAt" | "installationId"
>;

/** GitHub repository JSON (list or detail) → row. Local columns (tracked…) are not touched. */
export function normalizeRepository(repo: GitHubRepository): RepositoryRow {
  return {
    id: toId(repo.id),
    ownerId: toId(repo.owner.id),
    owner: repo.owner.login,
    name: repo.name,
    fullName: repo.full_name,
    description: cleanText(repo.description),
    private: repo.private,
    fork: repo.fork,
    archived: repo.archived ?? false,
    defaultBranch: repo.default_branch ?? null,
    stars: repo.stargazers_count ?? 0,
    forks: repo.forks_count ?? 0,
    language: repo.language ?? null,
    topics: repo.topics ?? [],
    createdAt: toDate(repo.created_at),
    updatedAt: toDate(repo.updated_at),
    pushedAt: toDate(repo.pushed_at),
    deletedAt: null,
  };
}
