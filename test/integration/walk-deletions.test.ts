/**
 * Walks that cannot skip (issue 15, part 1; FAULTS #21): rows deleted on GitHub while a sync walks
 * the issues, comments and workflow runs lists — the newest ones, above where the walk is, and
 * ones it has already read — must not cost the mirror a live row. A page-numbered walk loses one live row for
 * each row deleted above its cursor, for good (an incremental sync reads only what is newer than
 * its mark); the truth is the emulator's own view of its world.
 */
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Database } from "../../src/store/database.js";
import { queryRows } from "../../src/store/raw-query.js";
import { freshDatabase } from "../helpers/databases.js";
import { deletingFetch, type DeletionStep } from "../helpers/deleting-fetch.js";
import { githubFigures, recordFault } from "../helpers/fault-figures.js";
import { mirroredIds, syncOrg, testClient } from "../helpers/sync-harness.js";

const REPO = "acme/web";

let emulator: RunningEmulator;
let database: Database;

beforeEach(async () => {
  let now = Date.parse("2026-11-02T09:00:00Z");
  // The emulator's clock moves only when the test says so: rows added later get their own second.
  emulator = await startEmulator({ port: 0, seed: 7, repos: 1, scale: "small", clock: () => now });
  tick = (seconds) => (now += seconds * 1000);
  database = await freshDatabase();
});

afterEach(async () => {
  await database.close();
  await emulator.close();
});

let tick: (seconds: number) => void;

/** A test client whose GitHub deletes rows as the walk goes (deleting-fetch.ts). */
function deletingClient(lists: Record<string, DeletionStep[]>) {
  const { fetch, deleted } = deletingFetch(lists);
  return { client: testClient(emulator.url, ["test-token"], { fetch }), deleted };
}

function byUpdated<T extends { updated_at: string }>(rows: T[], order: "newest" | "oldest"): T[] {
  const sorted = [...rows].sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at));
  return order === "oldest" ? sorted : sorted.reverse();
}

function deleteComments(order: "newest" | "oldest", count: number) {
  return () => {
    for (const comment of byUpdated(emulator.admin.comments(REPO), order).slice(0, count))
      emulator.admin.deleteComment(REPO, comment.id);
    return count;
  };
}

function deleteIssues(order: "newest" | "oldest", count: number) {
  return () => {
    for (const issue of byUpdated(emulator.admin.issues(REPO), order).slice(0, count))
      emulator.admin.deleteIssue(REPO, issue.number);
    return count;
  };
}

function deleteNewestRuns(count: number) {
  return () => {
    for (const run of emulator.admin.workflowRuns(REPO).slice(-count))
      emulator.admin.deleteWorkflowRun(REPO, run.id);
    return count;
  };
}

/** Live rows GitHub has that the mirror lacks (rows it deleted may linger until verification). */
async function missingFromMirror() {
  const mirrored = await mirroredIds(database.db);
  return {
    issues: emulator.admin.issues(REPO).filter((issue) => !mirrored.issueIds.has(issue.id)).length,
    comments: emulator.admin.comments(REPO).filter((comment) => !mirrored.commentIds.has(comment.id)).length,
  };
}

describe("rows deleted while a sync walks the lists", () => {
  it("cost the backfill no live row", async ({ task }) => {
    expect(emulator.admin.comments(REPO).length).toBeGreaterThan(200);
    const { client, deleted } = deletingClient({
      "/issues/comments": [
        { after: 1, remove: deleteComments("newest", 3) },
        { after: 2, remove: deleteComments("oldest", 3) },
      ],
      "/issues": [
        { after: 1, remove: deleteIssues("newest", 3) },
        { after: 2, remove: deleteIssues("oldest", 2) },
      ],
    });
    await syncOrg(database.db, client, "acme");
    const missing = await missingFromMirror();
    recordFault(task, githubFigures([21], deleted(), missing.issues + missing.comments));
    expect(missing).toEqual({ issues: 0, comments: 0 });
    expect(deleted()).toBe(11);
  });

  it("cost the backfill no workflow run (a list GitHub filters by date, not by since)", async ({ task }) => {
    // Two pages and more of runs, each in its own minute.
    for (let i = 0; i < 150; i++) {
      tick(60);
      emulator.admin.deploy(REPO, { environment: "staging" });
    }
    expect(emulator.admin.workflowRuns(REPO).length).toBeGreaterThan(200);
    const { client, deleted } = deletingClient({
      "/actions/runs": [
        { after: 1, remove: deleteNewestRuns(3) },
        { after: 2, remove: deleteNewestRuns(2) },
      ],
    });
    await syncOrg(database.db, client, "acme");
    const rows = await queryRows<{ id: string }>(database.db, sql`select id from workflow_runs`);
    const mirrored = new Set(rows.map((row) => Number(row.id)));
    const missing = emulator.admin.workflowRuns(REPO).filter((run) => !mirrored.has(run.id)).length;
    recordFault(task, githubFigures([21], deleted(), missing));
    expect(missing).toBe(0);
    expect(deleted()).toBe(5);
  });

  it("cost an incremental sync with more than a page of changes no live row", async ({ task }) => {
    await syncOrg(database.db, testClient(emulator.url), "acme");
    const threads = emulator.admin.issues(REPO);
    for (let i = 0; i < 230; i++) {
      tick(1);
      emulator.admin.addComment(REPO, threads[i % threads.length]?.number ?? 1, { body: `later ${i}` });
      tick(1);
      emulator.admin.openIssue(REPO, { title: `later ${i}` });
    }
    tick(1);
    const { client, deleted } = deletingClient({
      "/issues/comments": [
        { after: 1, remove: deleteComments("newest", 4) },
        { after: 2, remove: deleteComments("oldest", 2) },
      ],
      "/issues": [{ after: 1, remove: deleteIssues("newest", 4) }],
    });
    await syncOrg(database.db, client, "acme", "30d");
    const missing = await missingFromMirror();
    recordFault(task, githubFigures([21], deleted(), missing.issues + missing.comments));
    expect(missing).toEqual({ issues: 0, comments: 0 });
    expect(deleted()).toBe(10);
  });
});
