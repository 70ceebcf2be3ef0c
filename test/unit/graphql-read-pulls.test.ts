/**
 * An answer with data and `errors` beside it: GitHub answers what it could. A field in error is
 * null in the data (a review id past 2^31 in the 32-bit `databaseId`), and rows written from it
 * would be missing what GitHub has — so the page fails rather than being written short.
 */
import { describe, expect, it } from "vitest";
import type { GitHubClient, GraphqlResult } from "../../src/github/client.js";
import type { SyncContext } from "../../src/sync/context.js";
import { PageSize } from "../../src/sync/graphql/page-size.js";
import { readPullPage, readPullsByNumber } from "../../src/sync/graphql/read-pulls.js";

const repo = { id: 1, fullName: "acme/web", defaultBranch: "main" };

function contextAnswering(answer: GraphqlResult<unknown>): SyncContext {
  const client = { graphql: async () => answer } as unknown as GitHubClient;
  return { client } as unknown as SyncContext;
}

const noPause = () => new PageSize(async () => undefined);
const emptyPage = { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] };

describe("reading pull requests with GraphQL", () => {
  it("fails a page GitHub answered only in part, naming GitHub's error", async () => {
    const ctx = contextAnswering({
      data: { repository: { pullRequests: emptyPage } },
      errors: [
        {
          message: "Int cannot represent non 32-bit signed integer value: 2728860927",
          path: ["repository", "pullRequests", "nodes", 0, "reviews", "nodes", 0, "databaseId"],
        },
      ],
    });
    await expect(readPullPage(ctx, repo, null, noPause(), noPause())).rejects.toMatchObject({
      code: "graphql_failed",
      message: expect.stringContaining("Int cannot represent"),
    });
  });

  it("says a repository GitHub cannot find is not found, without retrying", async () => {
    let asked = 0;
    const client = {
      graphql: async () => {
        asked++;
        return {
          data: { repository: null },
          errors: [
            { type: "NOT_FOUND", message: "Could not resolve to a Repository with the name 'acme/web'." },
          ],
        };
      },
    } as unknown as GitHubClient;
    const ctx = { client } as unknown as SyncContext;
    await expect(readPullPage(ctx, repo, null, noPause(), noPause())).rejects.toMatchObject({
      code: "not_found",
    });
    expect(asked).toBe(1);
  });

  it("leaves out a pull request asked by number that GitHub does not have", async () => {
    const ctx = contextAnswering({
      data: { repository: { p7: null } },
      errors: [{ type: "NOT_FOUND", message: "Could not resolve to a PullRequest with the number of 7." }],
    });
    expect(await readPullsByNumber(ctx, repo, [7], noPause())).toEqual([]);
  });
});
