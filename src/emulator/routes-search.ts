/**
 * GET /search/issues: issues and pull requests across the repositories the caller can see, by
 * GitHub's qualifiers (search-query.ts), sorted by `updated`, `created` or `comments` (`order`,
 * default desc; best match, the default sort, is served newest-created first). GitHub's limits:
 * at most 1,000 results reachable (a page beyond is a 422), and an index that lags behind the
 * data: a change younger than the world's `searchLagS` is not found yet.
 * https://docs.github.com/rest/search/search#search-issues-and-pull-requests
 */
import type { ApiRequest, ApiResponse } from "./api-types.js";
import { errorBody, ok } from "./api-types.js";
import { compareBy, oneOf } from "./list-query.js";
import { pageParams, paginate } from "./paginate.js";
import { renderIssue } from "./render-issue.js";
import { parseSearchQuery, type SearchHit } from "./search-query.js";

const DOCS = "https://docs.github.com/rest/search/search#search-issues-and-pull-requests";
/** GitHub serves the first 1,000 results of any search, however many match. */
const REACHABLE = 1000;

function invalidQuery(message: string): ApiResponse {
  return {
    status: 422,
    body: {
      ...errorBody("Validation Failed", 422, DOCS),
      errors: [{ message, resource: "Search", field: "q", code: "invalid" }],
    },
  };
}

export function searchIssues(req: ApiRequest): ApiResponse {
  const { ctx, query } = req;
  const parsed = parseSearchQuery(query.get("q") ?? "");
  if (!parsed.ok) return invalidQuery(parsed.message);
  const { page, perPage } = pageParams(query);
  if ((page - 1) * perPage >= REACHABLE)
    return invalidQuery("Only the first 1000 search results are available");
  const indexedUntil = ctx.world.now() - ctx.world.searchLagS;
  const hits: SearchHit[] = [];
  for (const repo of ctx.world.repos) {
    if (repo.deleted || (repo.private && ctx.viewer === null) || (req.canSee && !req.canSee(repo))) continue;
    for (const thread of repo.threads) {
      const hit = { repo, thread };
      if (!thread.deleted && thread.updatedAt <= indexedUntil && parsed.matches(hit)) hits.push(hit);
    }
  }
  const sort = oneOf(query, "sort", ["updated", "created", "comments"] as const, "created");
  const key = {
    created: (hit: SearchHit) => hit.thread.createdAt,
    updated: (hit: SearchHit) => hit.thread.updatedAt,
    comments: (hit: SearchHit) => hit.thread.comments.length,
  }[sort];
  const order = oneOf(query, "order", ["asc", "desc"] as const, "desc");
  hits.sort(compareBy(order, key, (hit) => hit.thread.id));
  const reachable = hits.slice(0, REACHABLE);
  const result = paginate(reachable, query, `${ctx.base}/search/issues`);
  return ok(
    {
      total_count: hits.length,
      incomplete_results: false,
      search_type: "lexical",
      items: result.items.map(({ repo, thread }) => ({
        ...renderIssue(ctx, repo, thread, "list"),
        score: 1,
      })),
    },
    result.link,
  );
}
