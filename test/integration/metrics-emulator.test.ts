/**
 * The metrics of an emulator organization, synced into each database, equal a brute-force
 * computation over the emulator's truth: PR details as collected, a person's and a repository's
 * metrics through the HTTP API, and the prioritized issue list.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator, type TruthPull } from "../../src/emulator/index.js";
import type { PullFacts } from "../../src/metrics/pull-timings.js";
import { repoReport } from "../../src/metrics/repo-report.js";
import { triageIssue } from "../../src/metrics/issue-priority.js";
import { userReport } from "../../src/metrics/user-report.js";
import { addDays, dayKey } from "../../src/metrics/time-zone.js";
import { parseWindow, type MetricWindow } from "../../src/metrics/window.js";
import type { Database } from "../../src/store/database.js";
import { pullRequests, userGithubAccounts, users } from "../../src/store/schema.js";
import { freshDatabase } from "../helpers/databases.js";
import { startTestServer, type TestServer } from "../helpers/server-harness.js";
import { syncOrg, testClient } from "../helpers/sync-harness.js";

const TIME_ZONE = "America/New_York";
const DAY_MS = 86_400_000;
const date = (iso: string | null) => (iso === null ? null : new Date(iso));
const isBot = (login: string) => login.endsWith("[bot]");

describe("metrics of an emulator organization", () => {
  let emulator: RunningEmulator;
  let database: Database;
  let server: TestServer;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 21, repos: 2, scale: "small" });
    database = await freshDatabase();
    await syncOrg(database.db, testClient(emulator.url), "acme");
    server = await startTestServer({}, database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
    await emulator?.close();
  });

  const truth = () => {
    const repos = emulator.admin.repositories();
    return {
      repos,
      commits: repos.flatMap((repo) => emulator.admin.commits(repo.id).map((c) => ({ ...c, repo: repo.id }))),
      pulls: repos.flatMap((repo) => emulator.admin.pulls(repo.id).map((p) => ({ ...p, repo: repo.id }))),
      reviews: repos.flatMap((repo) => emulator.admin.reviews(repo.id).map((r) => ({ ...r, repo: repo.id }))),
    };
  };

  const factsOf = (pull: TruthPull & { repo: number }, all: ReturnType<typeof truth>): PullFacts => ({
    authorId: pull.author_id,
    createdAt: new Date(pull.created_at),
    mergedAt: date(pull.merged_at),
    closedAt: date(pull.closed_at),
    draft: pull.draft,
    firstCommitAt: date(pull.first_commit_at),
    readyForReviewAt: date(pull.ready_for_review_at),
    additions: pull.additions,
    deletions: pull.deletions,
    reviews: all.reviews
      .filter((review) => review.repo === pull.repo && review.pull_number === pull.number)
      .map((review) => ({
        authorId: review.user_id,
        bot: isBot(review.user_login),
        submittedAt: new Date(review.submitted_at),
      })),
  });

  it("mirrors each PR's size, first commit and ready-for-review time as the emulator has them", async () => {
    const rows = await database.db.select().from(pullRequests);
    const mirrored = new Map(rows.map((row) => [row.id, row]));
    const all = truth();
    expect(all.pulls.some((pull) => pull.ready_for_review_at !== null)).toBe(true);
    for (const pull of all.pulls) {
      const row = mirrored.get(pull.id);
      expect(row, `PR ${pull.id}`).toMatchObject({
        additions: pull.additions,
        deletions: pull.deletions,
        changedFiles: pull.changed_files,
        firstCommitAt: date(pull.first_commit_at),
        readyForReviewAt: date(pull.ready_for_review_at),
        detailsSyncedFor: new Date(pull.updated_at),
      });
    }
  });

  it("a person's metrics through the API equal the brute force over the truth", async () => {
    const all = truth();
    // The member with the most merged PRs; a link by login only (account id found in the mirror).
    const merged = new Map<string, number>();
    for (const pull of all.pulls)
      if (pull.merged) merged.set(pull.author_login, (merged.get(pull.author_login) ?? 0) + 1);
    const [login] = [...merged].filter(([name]) => !isBot(name)).sort((a, b) => b[1] - a[1])[0] ?? [""];
    const accountId = all.pulls.find((pull) => pull.author_login === login)?.author_id;
    const stranger = all.commits.find((commit) => commit.author_id === null);
    const [person] = await database.db
      .insert(users)
      .values({ login: "lead", timezone: TIME_ZONE, commitEmails: stranger ? [stranger.author_email] : [] })
      .returning();
    await database.db.insert(userGithubAccounts).values({ userId: person?.id ?? 0, login });

    const to = dayKey(emulator.admin.now(), TIME_ZONE);
    const query = { from: addDays(to, -45), to };
    const window = parseWindow(query, TIME_ZONE, new Date());
    const response = await server.api(`/api/metrics/users/${login}?from=${query.from}&to=${query.to}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;

    const before = (instant: Date) => instant < window.to;
    const mine = all.pulls.filter((pull) => pull.author_id === accountId);
    const commitTimes = all.commits
      .filter(
        (c) =>
          c.author_id === accountId ||
          (stranger && c.author_id === null && c.author_email === stranger.author_email),
      )
      .map((c) => new Date(c.authored_at))
      .filter(before);
    const reviewTimes = all.reviews
      .filter((review) => review.user_id === accountId)
      .filter(
        (review) =>
          all.pulls.find((p) => p.repo === review.repo && p.number === review.pull_number)?.author_id !==
          accountId,
      )
      .map((review) => new Date(review.submitted_at))
      .filter(before);
    const expected = userReport(
      {
        commitTimes,
        pullTimes: mine.map((pull) => ({
          createdAt: new Date(pull.created_at),
          mergedAt: date(pull.merged_at),
        })),
        reviewTimes,
        pulls: mine.map((pull) => factsOf(pull, all)),
      },
      window,
      TIME_ZONE,
    );
    expect(body).toEqual({ login: "lead", ...expected });
    // Plain counts, as a reader would check them.
    const inside = (iso: string | null) =>
      iso !== null && new Date(iso) >= window.from && new Date(iso) < window.to;
    expect(body.prs_merged).toBe(mine.filter((pull) => inside(pull.merged_at)).length);
    expect(body.prs_merged).toBeGreaterThan(0);
    expect(body.commits).toBe(commitTimes.filter((t) => inside(t.toISOString())).length);
  });

  it("a repository's metrics and prioritized issues through the API equal the brute force", async () => {
    const all = truth();
    const repo = all.repos[0];
    if (!repo) throw new Error("no repository");
    const query = {
      from: new Date(Date.now() - 60 * DAY_MS).toISOString(),
      to: emulator.admin.now().toISOString(),
    };
    const window: MetricWindow = parseWindow(query, "UTC", new Date());
    const response = await server.api(
      `/api/metrics/repos/${repo.full_name}?from=${query.from}&to=${query.to}`,
    );
    expect(response.status).toBe(200);
    const inside = (iso: string | null) =>
      iso !== null && new Date(iso) >= window.from && new Date(iso) < window.to;
    const commits = all.commits.filter((c) => c.repo === repo.id);
    const pulls = all.pulls.filter((p) => p.repo === repo.id);
    const people = (from: Date, to: Date) => {
      const within = (iso: string) => new Date(iso) >= from && new Date(iso) < to;
      const ids = [
        ...commits
          .filter((c) => within(c.committed_at) && c.author_login && !isBot(c.author_login))
          .map((c) => c.author_id),
        ...pulls.filter((p) => within(p.created_at) && !isBot(p.author_login)).map((p) => p.author_id),
      ];
      return new Set(ids).size;
    };
    const issues = emulator.admin.issues(repo.id);
    const expected = repoReport(
      {
        commits: commits.filter((c) => inside(c.committed_at)).length,
        lastCommitAt: new Date(
          Math.max(...commits.map((c) => Date.parse(c.committed_at)).filter((t) => t < window.to.getTime())),
        ),
        reviews: all.reviews.filter(
          (r) =>
            r.repo === repo.id &&
            inside(r.submitted_at) &&
            pulls.find((p) => p.number === r.pull_number)?.author_id !== r.user_id,
        ).length,
        contributors: people(window.from, window.to),
        contributors90d: people(new Date(window.to.getTime() - 90 * DAY_MS), window.to),
        pulls: pulls.map((pull) => factsOf(pull, all)),
        issues: issues.map((issue) => ({
          labels: issue.labels,
          createdAt: new Date(issue.created_at),
          closedAt: date(issue.closed_at),
        })),
      },
      window,
    );
    expect(await response.json()).toEqual({ repository: repo.full_name, ...expected });

    const now = new Date();
    const listed = await server.api(`/api/repos/${repo.full_name}/issues?sort=priority&state=open&limit=500`);
    const page = (await listed.json()) as {
      items: { number: number; priority: number }[];
      next_cursor: string | null;
    };
    const open = issues
      .filter((issue) => issue.state === "open")
      .map((issue) => ({
        number: issue.number,
        priority: triageIssue(
          { labels: issue.labels, createdAt: new Date(issue.created_at), closedAt: null },
          now,
        ).priority,
      }))
      .sort((a, b) => b.priority - a.priority || a.number - b.number);
    expect(page.items.map((item) => ({ number: item.number, priority: item.priority }))).toEqual(open);
    expect(page.next_cursor).toBeNull();
  });
});
