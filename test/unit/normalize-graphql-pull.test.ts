import { describe, expect, it } from "vitest";
import type { GraphqlPullRequest } from "../../src/normalize/graphql-types.js";
import {
  normalizeGraphqlPull,
  normalizeGraphqlReview,
  restAccountOf,
} from "../../src/normalize/normalize-graphql-pull.js";

const page = { hasNextPage: false, endCursor: null };

function pull(change: Partial<GraphqlPullRequest> = {}): GraphqlPullRequest {
  return {
    fullDatabaseId: "1001",
    number: 7,
    title: "Add a cache",
    state: "OPEN",
    isDraft: false,
    mergedAt: null,
    closedAt: null,
    createdAt: "2026-01-02T03:04:05Z",
    updatedAt: "2026-01-05T00:00:00Z",
    baseRefName: "main",
    headRefName: "cache",
    headRefOid: "a".repeat(40),
    mergeCommit: null,
    potentialMergeCommit: { oid: "b".repeat(40) },
    additions: 10,
    deletions: 2,
    changedFiles: 3,
    author: { __typename: "User", login: "octocat", databaseId: 583231, avatarUrl: "https://a/u/583231" },
    reviews: { pageInfo: page, nodes: [] },
    commits: { pageInfo: page, nodes: [] },
    timelineEvents: { pageInfo: page, nodes: [] },
    ...change,
  };
}

describe("pull requests read with GraphQL, as REST rows", () => {
  it("spells a bot's login as REST does, with [bot]", () => {
    const bot = { __typename: "Bot" as const, login: "dependabot", databaseId: 49699333, avatarUrl: "x" };
    expect(restAccountOf(bot)).toEqual({
      id: 49699333,
      login: "dependabot[bot]",
      type: "Bot",
      avatar_url: "x",
    });
    expect(restAccountOf({ __typename: "EnterpriseUserAccount", login: "e" })).toBeNull();
    expect(restAccountOf(null)).toBeNull();
  });

  it("MERGED is REST's closed and merged; the merge commit replaces the test merge once merged", () => {
    const open = normalizeGraphqlPull(1, pull(), []);
    expect(open).toMatchObject({ state: "open", merged: false, mergeCommitSha: "b".repeat(40) });
    const merged = normalizeGraphqlPull(
      1,
      pull({
        state: "MERGED",
        mergedAt: "2026-01-05T00:00:00Z",
        closedAt: "2026-01-05T00:00:00Z",
        mergeCommit: { oid: "c".repeat(40) },
        potentialMergeCommit: null,
      }),
      [],
    );
    expect(merged).toMatchObject({ state: "closed", merged: true, mergeCommitSha: "c".repeat(40) });
    expect(normalizeGraphqlPull(1, pull({ state: "CLOSED" }), []).state).toBe("closed");
  });

  it("takes the earliest author date (rebased commits run out of order) and the first ready-for-review", () => {
    const row = normalizeGraphqlPull(
      1,
      pull({
        timelineEvents: {
          pageInfo: page,
          nodes: [{ __typename: "ReadyForReviewEvent", createdAt: "2026-01-03T00:00:00Z" }, null],
        },
      }),
      [
        { commit: { authoredDate: "2026-01-01T10:00:00Z" } },
        { commit: { authoredDate: "2025-12-30T10:00:00Z" } },
        { commit: { authoredDate: null } },
      ],
    );
    expect(row.firstCommitAt).toEqual(new Date("2025-12-30T10:00:00Z"));
    expect(row.readyForReviewAt).toEqual(new Date("2026-01-03T00:00:00Z"));
    // Reviews and details are read with the pull request: both marks say so.
    expect(row.reviewsSyncedFor).toEqual(new Date("2026-01-05T00:00:00Z"));
    expect(row.detailsSyncedFor).toEqual(row.reviewsSyncedFor);
    expect(row).toMatchObject({ additions: 10, deletions: 2, changedFiles: 3, authorLogin: "octocat" });
  });

  it("a review keeps its state, commit and author; one without an id is left out", () => {
    const review = {
      fullDatabaseId: "2728860927",
      state: "APPROVED",
      body: "ok\u0000",
      submittedAt: "2026-01-04T00:00:00Z",
      commit: { oid: "d".repeat(40) },
      author: { __typename: "User" as const, login: "hubot", databaseId: 2 },
    };
    expect(normalizeGraphqlReview(1, 1_001, review)).toMatchObject({
      id: 2_728_860_927,
      pullRequestId: 1_001,
      state: "APPROVED",
      body: "ok",
      commitId: "d".repeat(40),
      authorId: 2,
      authorLogin: "hubot",
    });
    expect(normalizeGraphqlReview(1, 1_001, { ...review, fullDatabaseId: null })).toBeNull();
  });
});
