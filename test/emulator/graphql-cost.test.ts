/** GitHub's limits and costs of a GraphQL query, on the examples GitHub's documentation works through. */
import { getOperationAST, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { queryCost } from "../../src/emulator/graphql/query-cost.js";
import { githubSchema } from "../../src/emulator/graphql/schema.js";

function cost(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error("no operation");
  return queryCost(githubSchema(), operation, document, variables);
}

describe("GraphQL query cost and limits (GitHub's rules)", () => {
  it("the documented cost example: 1 + 100 + 5,000 requests → 51 points", () => {
    const result = cost(`query {
      viewer {
        login
        repositories(first: 100) {
          edges { node { id
            issues(first: 50) { edges { node { id
              labels(first: 60) { edges { node { id name } } }
            } } }
          } }
        }
      }
    }`);
    expect(result).toMatchObject({ requests: 5_101, cost: 51, errors: [] });
  });

  it("the documented node example: 22,060 nodes", () => {
    const result = cost(`query {
      viewer {
        repositories(first: 50) {
          edges { repository: node { name
            pullRequests(first: 20) { edges { pullRequest: node { title
              comments(first: 10) { edges { comment: node { bodyHTML } } }
            } } }
            issues(first: 20) { totalCount edges { issue: node { title bodyHTML
              comments(first: 10) { edges { comment: node { bodyHTML } } }
            } } }
          } }
        }
        followers(first: 10) { edges { follower: node { login } } }
      }
    }`);
    expect(result.nodes).toBe(22_060);
    expect(result.errors).toEqual([]);
  });

  it("a small query costs at least 1; fragments, variables and @include count as they resolve", () => {
    expect(cost("query { viewer { login } }").cost).toBe(1);
    const query = `query($n: Int!, $withReviews: Boolean!) {
      repository(owner: "a", name: "b") { pullRequests(first: $n) { nodes { ...P } } }
    }
    fragment P on PullRequest { reviews(first: 100) @include(if: $withReviews) { nodes { state } } commits(first: 100) { totalCount } }`;
    expect(cost(query, { n: 100, withReviews: true })).toMatchObject({
      requests: 201,
      nodes: 20_100,
      cost: 2,
    });
    expect(cost(query, { n: 100, withReviews: false })).toMatchObject({
      requests: 101,
      nodes: 10_100,
      cost: 1,
    });
  });

  it("refuses a connection without first or last, or with more than 100", () => {
    expect(cost('query { repository(owner: "a", name: "b") { issues { totalCount } } }').errors).toEqual([
      expect.objectContaining({
        type: "MISSING_PAGINATION_BOUNDARIES",
        message: "You must provide a `first` or `last` value to properly paginate the `issues` connection.",
      }),
    ]);
    expect(
      cost('query { repository(owner: "a", name: "b") { issues(last: 101) { totalCount } } }').errors,
    ).toEqual([
      expect.objectContaining({
        type: "EXCESSIVE_PAGINATION",
        message: "Requesting 101 records on the `issues` connection exceeds the `last` limit of 100 records.",
      }),
    ]);
  });

  it("refuses a query of more than 500,000 nodes", () => {
    const result = cost(`query { viewer { repositories(first: 100) { nodes {
      pullRequests(first: 100) { nodes { reviews(first: 100) { nodes { state } } } }
    } } } }`);
    expect(result.nodes).toBe(100 + 10_000 + 1_000_000);
    expect(result.errors).toEqual([expect.objectContaining({ type: "MAX_NODE_LIMIT_EXCEEDED" })]);
  });
});
