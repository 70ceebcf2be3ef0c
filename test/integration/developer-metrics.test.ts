/**
 * The metrics queries on a hand-built mirror, on both databases: drafts marked ready, a PR merged
 * without review, self-reviews and bot reviews, commits found by email, commits off the default
 * branch, days in the person's zone, and issue triage with its cursor.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prioritizedIssues } from "../../src/metrics/prioritized-issues.js";
import { repoMetrics } from "../../src/metrics/repo-metrics.js";
import { userMetrics } from "../../src/metrics/user-metrics.js";
import type { Database } from "../../src/store/database.js";
import {
  accounts,
  commits,
  issues,
  pullRequestReviews,
  pullRequests,
  repositories,
  userGithubAccounts,
  users,
} from "../../src/store/schema.js";
import { freshDatabase } from "../helpers/databases.js";

const at = (iso: string) => new Date(iso);
const NOW = at("2026-03-30T12:00:00Z");
const REPO = 1;
const [ADA, BOB, BOT] = [101, 102, 900];
const WINDOW = { from: "2026-03-01", to: "2026-03-31" };
const options = { botLogins: [], now: NOW };

let nextPull = 1;
function pull(authorId: number, created: string, extra: Partial<typeof pullRequests.$inferInsert> = {}) {
  const number = nextPull++;
  return {
    id: 5000 + number,
    repositoryId: REPO,
    number,
    title: `PR ${number}`,
    authorId,
    state: extra.mergedAt ? "closed" : "open",
    merged: Boolean(extra.mergedAt),
    closedAt: extra.mergedAt ?? null,
    createdAt: at(created),
    updatedAt: at(created),
    ...extra,
  };
}

let nextReview = 1;
const review = (pullRequestId: number, authorId: number, submitted: string) => ({
  id: 7000 + nextReview++,
  pullRequestId,
  repositoryId: REPO,
  authorId,
  state: "COMMENTED",
  submittedAt: at(submitted),
});

const commit = (sha: string, authorId: number | null, authored: string, onDefaultBranch = true) => ({
  repositoryId: REPO,
  sha,
  authorId,
  authorEmail: authorId === null ? "Ada@home.example" : null,
  authoredAt: at(authored),
  committedAt: at(authored),
  onDefaultBranch,
});

async function seed(database: Database) {
  const db = database.db;
  await db.insert(accounts).values([
    { id: ADA, login: "ada", type: "User" },
    { id: BOB, login: "bob", type: "User" },
    { id: BOT, login: "ci-bot[bot]", type: "Bot" },
  ]);
  await db
    .insert(repositories)
    .values({ id: REPO, owner: "acme", name: "web", fullName: "acme/web", defaultBranch: "main" });
  const [person] = await db
    .insert(users)
    .values({ login: "ada-l", timezone: "Europe/Paris", commitEmails: ["ada@home.example"] })
    .returning();
  await db.insert(userGithubAccounts).values({ userId: person?.id ?? 0, login: "ada", accountId: ADA });
  // Linked by login only, before the account id was known: found through `accounts`.
  const [other] = await db.insert(users).values({ login: "bob-l" }).returning();
  await db.insert(userGithubAccounts).values({ userId: other?.id ?? 0, login: "BOB" });
  await db.insert(commits).values([
    commit("c1", ADA, "2026-03-10T23:30:00Z"), // 00:30 on the 11th in Paris
    commit("c2", ADA, "2026-03-11T20:00:00Z"),
    commit("c3", ADA, "2026-03-12T10:00:00Z"),
    commit("c4", null, "2026-03-13T10:00:00Z"), // no account: found by the listed email
    commit("c5", ADA, "2026-03-14T10:00:00Z", false), // force-pushed off the branch
    commit("c6", BOB, "2026-03-14T10:00:00Z"),
  ]);
  const p1 = pull(ADA, "2026-03-02T09:00:00Z", {
    firstCommitAt: at("2026-03-01T09:00:00Z"),
    mergedAt: at("2026-03-04T09:00:00Z"),
    additions: 100,
    deletions: 20,
  });
  // Opened as a draft, marked ready a day later.
  const p2 = pull(ADA, "2026-03-05T09:00:00Z", {
    readyForReviewAt: at("2026-03-06T09:00:00Z"),
    firstCommitAt: at("2026-03-05T08:00:00Z"),
    mergedAt: at("2026-03-07T11:00:00Z"),
    additions: 10,
    deletions: 0,
  });
  // Closed, reopened, merged without any review; details never collected.
  const p3 = pull(ADA, "2026-03-08T09:00:00Z", { mergedAt: at("2026-03-20T09:00:00Z") });
  const p4 = pull(ADA, "2026-03-25T09:00:00Z", { draft: true });
  const p5 = pull(BOB, "2026-03-09T09:00:00Z", { mergedAt: at("2026-03-10T09:00:00Z") });
  const p6 = pull(BOT, "2026-03-14T09:00:00Z", { mergedAt: at("2026-03-15T09:00:00Z") });
  await db.insert(pullRequests).values([p1, p2, p3, p4, p5, p6]);
  await db.insert(pullRequestReviews).values([
    review(p1.id, BOT, "2026-03-02T09:30:00Z"),
    review(p1.id, ADA, "2026-03-02T10:00:00Z"), // self-review
    review(p1.id, BOB, "2026-03-02T12:00:00Z"),
    review(p2.id, BOB, "2026-03-06T11:00:00Z"),
    review(p4.id, BOB, "2026-03-26T09:00:00Z"), // of a draft
    review(p5.id, BOB, "2026-03-09T10:00:00Z"), // self-review
    review(p5.id, ADA, "2026-03-09T15:00:00Z"),
    review(p6.id, ADA, "2026-03-15T08:00:00Z"),
  ]);
  const issue = (number: number, labels: string[], created: string, closed: string | null = null) => ({
    id: 9000 + number,
    repositoryId: REPO,
    number: 100 + number,
    title: `Issue ${number}`,
    state: closed ? "closed" : "open",
    labels,
    createdAt: at(created),
    updatedAt: at(closed ?? created),
    closedAt: closed ? at(closed) : null,
  });
  await db
    .insert(issues)
    .values([
      issue(1, ["severity: critical", "blocker"], "2026-03-29T00:00:00Z"),
      issue(2, ["bug"], "2026-03-20T00:00:00Z", "2026-03-21T00:00:00Z"),
      issue(3, ["documentation"], "2026-01-01T00:00:00Z"),
    ]);
}

describe("metrics queries", () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
    nextPull = 1;
    nextReview = 1;
    await seed(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("computes a person's metrics from their linked account and commit email, bots and self-reviews left out", async () => {
    const report = await userMetrics(database.db, "ada", WINDOW, options);
    expect(report).toMatchObject({
      login: "ada-l",
      time_zone: "Europe/Paris",
      from: "2026-02-28T23:00:00.000Z",
      to: "2026-03-31T22:00:00.000Z",
      commits: 4,
      prs_opened: 4,
      prs_merged: 3,
      reviews_given: 2,
      merged_without_review: 1,
      cycle_time_hours: { count: 3, median: 72, p90: 288, mean: 137 },
      // P1 picked up 3 h after opening, P2 2 h after it was marked ready; P4 is still a draft.
      pickup_time_hours: { count: 2, median: 2.5, p90: 3, mean: 2.5 },
      review_time_hours: { count: 2, median: 34.5, p90: 45 },
      pr_size: { count: 2, median: 65, p90: 120 },
      streak: { current: 0, longest: 3, longest_ended_on: "2026-03-13" },
      throughput: [
        { week: "2026-02-23", merged: 0 },
        { week: "2026-03-02", merged: 2 },
        { week: "2026-03-09", merged: 0 },
        { week: "2026-03-16", merged: 1 },
        { week: "2026-03-23", merged: 0 },
        { week: "2026-03-30", merged: 0 },
      ],
    });
    const on = Object.fromEntries(report.achievements.map((a) => [a.id, a.achieved_on]));
    expect(on).toMatchObject({ first_merged_pr: "2026-03-04", first_review: "2026-03-09", streak_7: null });
  });

  it("finds the person by a linked GitHub login or their own login, and says how to fix an unknown one", async () => {
    expect((await userMetrics(database.db, "ADA-L", WINDOW, options)).commits).toBe(4);
    await expect(userMetrics(database.db, "nobody", WINDOW, options)).rejects.toMatchObject({
      code: "not_found",
      status: 404,
    });
  });

  it("finds the account of a login-only link (a bot in the mirror does not hide it)", async () => {
    const report = await userMetrics(database.db, "bob-l", WINDOW, options);
    expect(report).toMatchObject({ commits: 1, prs_opened: 1, prs_merged: 1, reviews_given: 3 });
  });

  it("computes a repository's metrics, issue summary and health", async () => {
    const report = await repoMetrics(database.db, "ACME/web", WINDOW, options);
    expect(report).toMatchObject({
      repository: "acme/web",
      commits: 5,
      prs_opened: 6,
      prs_merged: 5,
      reviews: 6,
      contributors: 2,
      issues: {
        opened: 2,
        closed: 1,
        open: 2,
        open_by_severity: { critical: 1, high: 0, medium: 0, low: 1 },
        open_blockers: 1,
        open_over_sla: 2,
      },
    });
    const parts = Object.values(report.health.parts).reduce((sum, part) => sum + part, 0);
    expect(report.health.score).toBe(Math.round(parts));
    expect(report.health.parts.issue_hygiene).toBe(0);
    // Merged in the 90 days: P1, P2, P5, P6 reviewed by someone else before merging; P3 not.
    expect(report.health.parts.review_coverage).toBe(16);
  });

  it("lists issues by priority with a cursor", async () => {
    const all = await prioritizedIssues(database.db, "acme/web", { state: "all", limit: 2, now: NOW });
    expect(all.items.map((item) => [item.number, item.priority, item.severity, item.blocker])).toEqual([
      [101, 80, "critical", true],
      [102, 20, "medium", false],
    ]);
    expect(all.next_cursor).toBe("20.102");
    const rest = await prioritizedIssues(database.db, "acme/web", {
      state: "all",
      limit: 2,
      cursor: all.next_cursor ?? "",
      now: NOW,
    });
    expect(rest).toEqual({
      items: [expect.objectContaining({ number: 103, priority: 17 })],
      next_cursor: null,
    });
    const open = await prioritizedIssues(database.db, "acme/web", { state: "open", limit: 10, now: NOW });
    expect(open.items.map((item) => item.number)).toEqual([101, 103]);
  });
});
