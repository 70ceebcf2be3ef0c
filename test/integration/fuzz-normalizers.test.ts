/**
 * The normalizers and the mirror's writes fed what GitHub's OpenAPI schemas allow (issue 20, scope
 * 3): generated responses of every list and object the sync reads — nulls where nullable, optional
 * fields missing, unions either way, NUL bytes and lone surrogates in text — each normalize without
 * throwing and write in one transaction. The generator is held to the same schemas (its samples
 * validate), so a failure here is ghsync's. Seeded; GHSYNC_FULL_TESTS=1 runs 20 times as many.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyAccounts,
  applyComments,
  applyCommitRows,
  applyIssues,
  applyPullRequests,
  applyRepositories,
  applyReviews,
} from "../../src/mirror/apply.js";
import { applyReviewComments, applyTimelineEvents } from "../../src/mirror/apply-conversation.js";
import { applyTeamList, applyTeamMemberList } from "../../src/mirror/apply-teams.js";
import type {
  GitHubReviewComment,
  GitHubTeam,
  GitHubTeamMember,
} from "../../src/normalize/github-delivery-types.js";
import type {
  GitHubCommit,
  GitHubContributor,
  GitHubIssue,
  GitHubIssueComment,
  GitHubPullRequest,
  GitHubRepository,
  GitHubReview,
} from "../../src/normalize/github-types.js";
import { normalizeCommit } from "../../src/normalize/normalize-commit.js";
import { normalizeContributor } from "../../src/normalize/normalize-contributor.js";
import {
  firstCommitAt,
  firstReadyForReviewAt,
  type GitHubTimelineEvent,
} from "../../src/normalize/normalize-pull-details.js";
import type { Database, Db } from "../../src/store/database.js";
import { loadValidators } from "../emulator/openapi-schema.js";
import { freshDatabase } from "../helpers/databases.js";
import { recordFault } from "../helpers/fault-figures.js";
import { responseItem } from "../helpers/openapi-arbitrary.js";

const RUNS = process.env.GHSYNC_FULL_TESTS === "1" ? 400 : 20;
/** A comment's issue_url ends with its issue's number (the schema says only "uri"). */
const FORMS = {
  issue_url: fc
    .integer({ min: 1, max: 2 ** 31 - 1 })
    .map((n) => `https://api.github.com/repos/o/r/issues/${n}`),
  /** A review comment's pull_request_url ends with its pull request's number. */
  pull_request_url: fc
    .integer({ min: 1, max: 2 ** 31 - 1 })
    .map((n) => `https://api.github.com/repos/o/r/pulls/${n}`),
};
const REPOSITORY = 1296269;
const PULL_REQUEST = 1;

/** Each operation the sync reads, and what it does with a page of it. */
const CASES: Record<string, (tx: Db, items: unknown[]) => Promise<unknown>> = {
  "repos/get": (tx, items) => applyRepositories(tx, items as GitHubRepository[]),
  "repos/list-for-org": (tx, items) => applyRepositories(tx, items as GitHubRepository[]),
  "repos/list-commits": async (tx, items) => {
    const commits = items as GitHubCommit[];
    await applyAccounts(
      tx,
      commits.flatMap((commit) => [commit.author, commit.committer]),
    );
    return applyCommitRows(
      tx,
      commits.map((commit) => normalizeCommit(REPOSITORY, commit)),
    );
  },
  "repos/get-commit": (tx, items) =>
    applyCommitRows(
      tx,
      (items as GitHubCommit[]).map((commit) => normalizeCommit(REPOSITORY, commit)),
    ),
  "pulls/list": (tx, items) => applyPullRequests(tx, REPOSITORY, items as GitHubPullRequest[]),
  "pulls/get": (tx, items) => applyPullRequests(tx, REPOSITORY, items as GitHubPullRequest[]),
  "pulls/list-reviews": (tx, items) => applyReviews(tx, REPOSITORY, PULL_REQUEST, items as GitHubReview[]),
  "issues/list-for-repo": (tx, items) => applyIssues(tx, REPOSITORY, items as GitHubIssue[]),
  "issues/get": (tx, items) => applyIssues(tx, REPOSITORY, items as GitHubIssue[]),
  "issues/list-comments-for-repo": (tx, items) =>
    applyComments(tx, REPOSITORY, items as GitHubIssueComment[]),
  "issues/list-comments": (tx, items) => applyComments(tx, REPOSITORY, items as GitHubIssueComment[]),
  "repos/list-contributors": async (_tx, items) =>
    (items as GitHubContributor[]).map((contributor) => normalizeContributor(REPOSITORY, contributor)),
  "pulls/list-commits": async (_tx, items) => firstCommitAt(items as GitHubCommit[]),
  "issues/list-events-for-timeline": async (tx, items) => {
    firstReadyForReviewAt(items as GitHubTimelineEvent[]);
    return applyTimelineEvents(tx, REPOSITORY, PULL_REQUEST, items as GitHubTimelineEvent[]);
  },
  "pulls/list-review-comments-for-repo": (tx, items) =>
    applyReviewComments(tx, REPOSITORY, items as GitHubReviewComment[]),
  "teams/list": (tx, items) => applyTeamList(tx, "o", items as GitHubTeam[]),
  "teams/list-members-in-org": (tx, items) =>
    applyTeamMemberList(tx, 1, "maintainer", items as GitHubTeamMember[]),
};

const validators = loadValidators();
let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("values GitHub's schemas allow", () => {
  it.each(Object.keys(CASES))("%s: the generator's samples are valid (the yardstick)", (operation) => {
    const check = validators.validator(operation, 200);
    const list = operation.includes("list");
    for (const item of fc.sample(responseItem(operation, FORMS), { numRuns: 20, seed: 7 })) {
      expect(check(list ? [item] : item), JSON.stringify(check.errors?.slice(0, 3))).toBe(true);
    }
  });

  it.for(Object.keys(CASES))("%s: normalizes and writes in one transaction", async (operation, { task }) => {
    const write = CASES[operation];
    if (!write) throw new Error(operation);
    let payloads = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(responseItem(operation, FORMS), { minLength: 1, maxLength: 4 }),
        async (items) => {
          payloads += items.length;
          await database.db.transaction((tx) => write(tx, items));
        },
      ),
      { numRuns: RUNS, seed: 424_242 },
    );
    recordFault(task, {
      family: "hostile input",
      cases: [12],
      injected: payloads,
      lost: 0,
      differing: 0,
      crashes: 0,
      serverErrors: 0,
    });
  });
});
