import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Database } from "../../src/store/database.js";
import { commits, issues, pullRequests, repositories } from "../../src/store/schema.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { freshDatabase } from "../helpers/databases.js";
import { admin, mirroredIds, syncOrg, testClient } from "../helpers/sync-harness.js";
import { walkOrganization } from "../helpers/walk-github.js";

describe("sync against the emulator", () => {
  let emulator: RunningEmulator;
  let database: Database;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 7, repos: 2, scale: "small" });
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database?.close();
    await emulator?.close();
  });

  it("a full backfill equals an independent paginated walk of the emulator", async () => {
    const client = testClient(emulator.url);
    const summary = await syncOrg(database.db, client, "acme");
    // What GitHub charged: a point per REST request, each GraphQL query's cost.
    const charged = emulator.admin.requestStats()["test-token"];
    const truth = await walkOrganization(emulator.url, "acme");
    expect(await mirrorCounts(database.db, { org: "acme" })).toEqual(truth.counts);
    const mirrored = await mirroredIds(database.db);
    expect(mirrored.pullIds).toEqual(truth.pullIds);
    expect(mirrored.issueIds).toEqual(truth.issueIds);
    expect(mirrored.commentIds).toEqual(truth.commentIds);
    expect(mirrored.reviewIds).toEqual(truth.reviewIds);
    expect(mirrored.reviewCommentIds).toEqual(truth.reviewCommentIds);
    expect(truth.reviewCommentIds.size).toBeGreaterThan(0);
    expect(summary).toMatchObject({ ...truth.counts, not_modified: 0 });
    expect(summary.points_used).toBe((charged?.counted ?? 0) + (charged?.graphql_points ?? 0));
  });

  it("an immediate rerun spends zero points: a 304 and one search (search's own budget)", async () => {
    const summary = await syncOrg(database.db, testClient(emulator.url), "acme");
    expect(summary.points_used).toBe(0);
    expect(summary.requests - summary.not_modified).toBe(1);
    expect(summary).toMatchObject({
      commits: 0,
      pull_requests: 0,
      reviews: 0,
      issues: 0,
      comments: 0,
      review_comments: 0,
    });
  });

  it("an incremental run reflects exactly the activity since the last one", async () => {
    const [web, api] = (await database.db.select().from(repositories).orderBy(repositories.id)).map((r) => r);
    if (!web || !api) throw new Error("expected two repositories");
    const openPull = (await database.db.select().from(pullRequests).where(eq(pullRequests.state, "open")))
      .filter((p) => p.repositoryId === web.id)
      .at(0);
    const openIssue = (await database.db.select().from(issues).where(eq(issues.state, "open")))
      .filter((i) => i.repositoryId === web.id)
      .at(0);
    if (!openPull || !openIssue) throw new Error("expected an open pull request and issue");
    const before = await mirrorCounts(database.db, { org: "acme" });

    await admin(emulator.url, "POST", `/repos/${web.fullName}/commits`, { count: 3 });
    await admin(emulator.url, "POST", `/repos/${web.fullName}/pulls/${openPull.number}/reviews`, {
      state: "APPROVED",
    });
    await admin(emulator.url, "POST", `/repos/${web.fullName}/pulls/${openPull.number}/merge`);
    await admin(emulator.url, "POST", `/repos/${web.fullName}/issues/${openIssue.number}/close`);
    await admin(emulator.url, "POST", `/repos/${api.fullName}/force-push`, { drop: 2, add: 1 });
    // An inline review comment added and another edited: the two rows the next run writes.
    emulator.admin.addReviewComment(web.fullName, openPull.number, { body: "new inline comment" });
    const [inline] = emulator.admin.reviewComments(api.fullName);
    if (!inline) throw new Error("expected a review comment");
    emulator.admin.editReviewComment(api.fullName, inline.id, { body: "edited inline comment" });
    await admin(emulator.url, "POST", `/repos/${api.fullName}/rename`, { name: "api-renamed" });

    const summary = await syncOrg(database.db, testClient(emulator.url), "acme");
    const truth = await walkOrganization(emulator.url, "acme");
    expect(await mirrorCounts(database.db, { org: "acme" })).toEqual(truth.counts);
    expect(truth.counts.commits).toBe(before.commits + 3 + 1 - 2 + 1); // 3 pushed, merge commit, force-push
    expect(summary.reviews).toBe(truth.counts.reviews - before.reviews);
    expect(summary.review_comments).toBe(2);
    expect((await mirroredIds(database.db)).reviewCommentIds).toEqual(truth.reviewCommentIds);

    const [merged] = await database.db.select().from(pullRequests).where(eq(pullRequests.id, openPull.id));
    expect(merged).toMatchObject({ state: "closed", merged: true });
    const [closed] = await database.db.select().from(issues).where(eq(issues.id, openIssue.id));
    expect(closed?.state).toBe("closed");
    const [renamed] = await database.db.select().from(repositories).where(eq(repositories.id, api.id));
    expect(renamed?.fullName).toBe("acme/api-renamed");
    expect(await database.db.select().from(repositories)).toHaveLength(before.repositories);
    const offBranch = await database.db.select().from(commits).where(eq(commits.onDefaultBranch, false));
    expect(offBranch).toHaveLength(2);
    expect(offBranch.every((c) => c.repositoryId === api.id)).toBe(true);
  });
});
