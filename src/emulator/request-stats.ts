/**
 * Request counters per credential (the token, or "anonymous"), so tests can assert what a sync
 * cost: total requests, requests that consumed rate limit, free 304s, rate-limited answers, and
 * requests by path.
 */

export interface TokenStats {
  /** Every API request received (faulted ones included). */
  requests: number;
  /** Requests that consumed a point of the primary (REST, `core`) rate limit. */
  counted: number;
  /** Points GraphQL queries were charged (their own budget, apart from `counted`). */
  graphql_points: number;
  /** Searches served (search's own budget of 30 a minute, apart from `counted`). */
  searches: number;
  /** GraphQL queries that ran, by operation name ("anonymous" for none). */
  graphql_operations: Record<string, number>;
  not_modified: number;
  /** Primary or secondary rate-limit answers. */
  rate_limited: number;
  /** Injected 5xx answers and dropped connections. */
  faults: number;
  by_path: Record<string, number>;
}

/**
 * `graphql`: a query that ran, charged its cost to GraphQL's budget (`graphql_points`); `search`:
 * a search served, charged to search's budget.
 */
export type RequestOutcome =
  "counted" | "graphql" | "search" | "not_modified" | "rate_limited" | "fault" | "free";

export class RequestStats {
  private readonly stats = new Map<string, TokenStats>();

  record(
    key: string,
    path: string,
    outcome: RequestOutcome,
    graphql?: { points: number; operation?: string },
  ): void {
    let entry = this.stats.get(key);
    if (!entry) {
      entry = {
        requests: 0,
        counted: 0,
        graphql_points: 0,
        searches: 0,
        graphql_operations: {},
        not_modified: 0,
        rate_limited: 0,
        faults: 0,
        by_path: {},
      };
      this.stats.set(key, entry);
    }
    entry.requests++;
    entry.graphql_points += graphql?.points ?? 0;
    if (graphql?.operation)
      entry.graphql_operations[graphql.operation] = (entry.graphql_operations[graphql.operation] ?? 0) + 1;
    entry.by_path[path] = (entry.by_path[path] ?? 0) + 1;
    if (outcome === "counted") entry.counted++;
    else if (outcome === "search") entry.searches++;
    else if (outcome === "not_modified") entry.not_modified++;
    else if (outcome === "rate_limited") entry.rate_limited++;
    else if (outcome === "fault") entry.faults++;
  }

  snapshot(): Record<string, TokenStats> {
    return Object.fromEntries([...this.stats].map(([key, value]) => [key, structuredClone(value)]));
  }

  reset(): void {
    this.stats.clear();
  }
}
