/** Which of GitHub's rate-limit budgets a request spends (pure). */
import type { RateResource } from "./credential-pool.js";

/**
 * `graphql` for the one URL GraphQL is asked at (a repository may be named "graphql":
 * /repos/o/graphql is REST); `search` under /search/ (with or without an Enterprise Server's
 * /api/v3, relative or absolute as Link headers write it); `core` for everything else.
 */
export function resourceOf(url: string, graphqlUrl: string): RateResource {
  if (url === graphqlUrl) return "graphql";
  const path = new URL(url, "http://relative.invalid").pathname;
  return /^(?:\/api\/v3)?\/search\//.test(path) ? "search" : "core";
}
