/**
 * Where GitHub answers GraphQL, and how its answers read (pure). github.com serves REST at
 * `https://api.github.com` and GraphQL at `/graphql` beside it; GitHub Enterprise Server serves
 * REST under `/api/v3` and GraphQL at `/api/graphql`.
 */

/** Whether the server answers GraphQL, learnt from the first query; shared by a process's clients. */
export interface GraphqlSupport {
  available?: boolean;
}

export function graphqlUrlOf(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return /\/api\/v3$/.test(base) ? base.replace(/\/api\/v3$/, "/api/graphql") : `${base}/graphql`;
}

/** One entry of a GraphQL answer's `errors` (GitHub adds `type`: NOT_FOUND, RATE_LIMITED…). */
export interface GraphqlError {
  message: string;
  type?: string;
  path?: (string | number)[];
}

/**
 * The documented type is RATE_LIMITED; GitHub has also been seen answering RATE_LIMIT for the same
 * exhausted budget (yanyongyu/githubkit#271), so both are read as one.
 */
const RATE_LIMIT_TYPES = new Set(["RATE_LIMITED", "RATE_LIMIT"]);

export function hasRateLimitedError(body: unknown): boolean {
  const errors = (body as { errors?: unknown } | null | undefined)?.errors;
  return (
    Array.isArray(errors) &&
    errors.some((error) => RATE_LIMIT_TYPES.has(String((error as GraphqlError | null)?.type)))
  );
}
