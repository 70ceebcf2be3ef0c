/**
 * A member asking for a private repository their own GitHub token cannot read gets the same 404
 * as for a repository that is not there (GitHub's answer too: existence is not confirmed). Applies
 * to every route with `:owner/:repo` parameters (app/repo-visibility.ts decides).
 */
import type { FastifyRequest } from "fastify";
import type { RepoVisibility } from "../app/repo-visibility.js";
import { GhsyncError } from "../util/errors.js";

/** The ids of the private repositories hidden from the caller: left out of their counts and metrics (none for admins). */
export async function hiddenFrom(visibility: RepoVisibility, request: FastifyRequest): Promise<number[]> {
  return (await visibility.hiddenFrom(request.principal)).map((repo) => repo.id);
}

export function hidePrivateRepositories(visibility: RepoVisibility) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!request.authenticated || request.principal.role === "admin") return;
    const params = request.params as { owner?: unknown; repo?: unknown } | undefined;
    if (typeof params?.owner !== "string" || typeof params.repo !== "string") return;
    const fullName = `${params.owner}/${params.repo}`;
    if (await visibility.canSee(request.principal, fullName)) return;
    throw new GhsyncError("repository_not_found", `no repository ${fullName} here`, { status: 404 });
  };
}
