/**
 * Reading GitHub's GraphQL answers: the data of a repository query, or the error that says why
 * there is none.
 */
import type { GraphqlResult } from "../../github/client.js";
import type { GraphqlError } from "../../github/graphql-endpoint.js";
import { GhsyncError } from "../../util/errors.js";
import type { RepositoryRef } from "../context.js";

export interface RepositoryData<T> {
  repository: T | null;
}

export function ownerAndName(repo: RepositoryRef): { owner: string; name: string } {
  const [owner = "", name = ""] = repo.fullName.split("/");
  return { owner, name };
}

/**
 * The data of an answer. GitHub answers what it could with `errors` for the rest: a repository
 * gone (NOT_FOUND) is a GhsyncError saying so; a pull request asked by number that does not exist
 * (NOT_FOUND at its alias) is left out; any other error would leave fields null in rows, so the
 * query fails (retryable: GitHub's "something went wrong" is usually passing).
 */
export function dataOf<T>(result: GraphqlResult<RepositoryData<T>>, what: string): T {
  const repository = result.data?.repository;
  const other = result.errors.find((error: GraphqlError) => error.type !== "NOT_FOUND");
  if (repository && !other) return repository;
  const failure = other ?? result.errors[0];
  const gone = !repository && failure?.type === "NOT_FOUND";
  throw new GhsyncError(
    gone ? "not_found" : "github_error",
    `GitHub could not answer ${what}: ${failure?.message ?? "no data"}`,
    { status: gone ? 404 : 502, retryable: !gone },
  );
}

export function present<T>(nodes: readonly (T | null)[]): T[] {
  return nodes.filter((node): node is T => node !== null);
}
