import { toId } from "./ids.js";
import type { contributors } from "../store/schema.js";
import type { GitHubContributor } from "./github-types.js";

export type ContributorRow = typeof contributors.$inferInsert;

/** Contributors with a GitHub account (anonymous entries have no id and are not listed without `anon`). */
export function normalizeContributor(
  repositoryId: number,
  contributor: GitHubContributor,
): ContributorRow | undefined {
  if (contributor.id === undefined || contributor.login === undefined) return undefined;
  return {
    repositoryId,
    accountId: toId(contributor.id),
    login: contributor.login,
    contributions: contributor.contributions,
  };
}
