/** GitHub's OpenAPI types ids as int64 (number | bigint); every id GitHub issues fits in 2^53. */
export function toId(value: number | bigint): number {
  return typeof value === "bigint" ? Number(value) : value;
}

export function toOptionalId(value: number | bigint | null | undefined): number | null {
  return value === null || value === undefined ? null : toId(value);
}

/**
 * The REST id at the end of a GitHub page's URL (a workflow run's `…/actions/runs/{id}`, a check
 * run's `…/runs/{id}` or `…/job/{id}`); null when it does not end in one. GraphQL's `databaseId`
 * of check runs and workflow runs is a 32-bit Int that their ids have outgrown (past 2^31 GitHub
 * answers an error for it), and the schema has no `fullDatabaseId` for them: the URL is where
 * GraphQL gives their id.
 */
export function idAtEndOf(url: string): number | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const match = /\/(\d{1,16})\/?$/.exec(path);
  return match ? Number(match[1]) : null;
}
