/**
 * PR details are collected incrementally, on both databases: only for pull requests whose
 * updated_at moved, with the stored ETags of their commit and timeline lists (a PR that only got
 * a comment costs its detail, its timeline — which lists the comment — and a free 304 for its
 * commits), and a draft marked ready for review gets its `ready_for_review_at`. REST collection
 * (`--api rest`): GraphQL reads the same with each page of pull requests (sync-graphql.test.ts).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Database } from "../../src/store/database.js";
import { pullRequests } from "../../src/store/schema.js";
import { freshDatabase } from "../helpers/databases.js";
import { admin, syncOrg, testClient } from "../helpers/sync-harness.js";

describe("PR detail collection", () => {
  let emulator: RunningEmulator;
  let database: Database;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 4, repos: 1, scale: "small" });
    database = await freshDatabase();
    await syncOrg(database.db, testClient(emulator.url, undefined, { api: "rest" }), "acme");
  });
  afterAll(async () => {
    await database?.close();
    await emulator?.close();
  });

  it("re-reads only changed PRs, with free 304s for unchanged lists, and records a draft marked ready", async () => {
    const pulls = emulator.admin.pulls("acme/web");
    const draft = pulls.find((pull) => pull.draft && pull.state === "open");
    // One page of commits: a longer list is read again whole (its later pages may have changed).
    const commented = pulls.find((pull) => !pull.draft && pull.state === "open" && pull.commits < 100);
    if (!draft || !commented) throw new Error("expected an open draft and an open ready PR");
    await admin(emulator.url, "PATCH", `/repos/acme/web/pulls/${draft.number}`, { draft: false });
    await admin(emulator.url, "POST", `/repos/acme/web/issues/${commented.number}/comments`, {
      body: "ping",
    });

    const seen: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
      seen.push(`${response.status} ${url.pathname}`);
      return response;
    };
    await syncOrg(database.db, testClient(emulator.url, ["t"], { api: "rest", fetch: recording }), "acme");

    const perPull = (number: number) =>
      seen.filter((line) => new RegExp(`/(pulls|issues)/${number}(/|$)`).test(line));
    expect(perPull(commented.number).sort()).toEqual([
      `200 /repos/acme/web/issues/${commented.number}/timeline`,
      `200 /repos/acme/web/pulls/${commented.number}`,
      `200 /repos/acme/web/pulls/${commented.number}/reviews`,
      `304 /repos/acme/web/pulls/${commented.number}/commits`,
    ]);
    expect(perPull(draft.number)).toContain(`200 /repos/acme/web/issues/${draft.number}/timeline`);
    const untouched = pulls.filter(
      (pull) => pull.number !== draft.number && pull.number !== commented.number,
    );
    expect(untouched.flatMap((pull) => perPull(pull.number))).toEqual([]);

    const truth = emulator.admin.pulls("acme/web").find((pull) => pull.number === draft.number);
    const [row] = await database.db.select().from(pullRequests).where(eq(pullRequests.id, draft.id));
    expect(truth?.ready_for_review_at).not.toBeNull();
    expect(row).toMatchObject({ draft: false, readyForReviewAt: new Date(truth?.ready_for_review_at ?? 0) });
  });

  it("reads a list of exactly one full page again: what a later page adds is not hidden by page 1's 304", async () => {
    // A draft whose timeline is exactly 100 items (its commits), mirrored with its details.
    const pull = emulator.admin.openPull("acme/web", { title: "A full page", draft: true });
    emulator.admin.pushToPull("acme/web", pull.number, { add: 100 - pull.commits });
    const timeline = await fetch(
      `${emulator.url}/repos/acme/web/issues/${pull.number}/timeline?per_page=100`,
    );
    expect(((await timeline.json()) as unknown[]).length).toBe(100);
    expect(timeline.headers.get("link")).toBeNull();
    await syncOrg(database.db, testClient(emulator.url, undefined, { api: "rest" }), "acme");

    // Marked ready a second later (GitHub's updated_at has one-second resolution): the event is
    // item 101, on page 2; page 1 is unchanged.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    emulator.admin.editPull("acme/web", pull.number, { draft: false });
    await syncOrg(database.db, testClient(emulator.url, undefined, { api: "rest" }), "acme");
    const truth = emulator.admin.pulls("acme/web").find((candidate) => candidate.number === pull.number);
    const [row] = await database.db.select().from(pullRequests).where(eq(pullRequests.id, pull.id));
    expect(truth?.ready_for_review_at).not.toBeNull();
    expect(row?.readyForReviewAt).toEqual(new Date(truth?.ready_for_review_at ?? 0));
  });
});
