/**
 * An issue transferred with no webhook to tell (issue 21, part 6): GitHub moves its comments with
 * it and keeps their updated_at, so the new repository's `issues/comments?since=` walk never lists
 * them. The next sync finds the issue counting more comments than the mirror holds and reads its
 * comment list: repository by repository, the comments are where the emulator has them. (The old
 * issue itself lingers in the old repository until verification finds it gone: issue 15.)
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Database } from "../../src/store/database.js";
import { queryRows } from "../../src/store/raw-query.js";
import { freshDatabase } from "../helpers/databases.js";
import { syncOrg, testClient } from "../helpers/sync-harness.js";

describe("an issue transferred without webhooks", () => {
  let emulator: RunningEmulator;
  let database: Database;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 43, repos: 2, scale: "small" });
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database?.close();
    await emulator?.close();
  });

  it("has its comments under its new repository after the next sync", async () => {
    await syncOrg(database.db, testClient(emulator.url), "acme", "full");
    const [from, to] = emulator.admin.repositories();
    if (!from || !to) throw new Error("two repositories expected");
    const issue = emulator.admin
      .issues(from.full_name)
      .find(
        (candidate) =>
          candidate.comments > 1 && Date.parse(candidate.created_at) < Date.now() - 60 * 86_400_000,
      );
    if (!issue) throw new Error(`no old issue with comments in ${from.full_name}`);
    const moved = emulator.admin.transferIssue(from.full_name, issue.number, to.full_name);

    await syncOrg(database.db, testClient(emulator.url), "acme");
    const commentsOf = async (repositoryId: number) =>
      Number(
        (
          await queryRows<{ n: string | number }>(
            database.db,
            sql`select count(*) as n from issue_comments where repository_id = ${repositoryId} and deleted_at is null`,
          )
        )[0]?.n,
      );
    const [onMoved] = await queryRows<{ n: string | number }>(
      database.db,
      sql`select count(*) as n from issue_comments
           where repository_id = ${to.id} and issue_number = ${moved.number} and deleted_at is null`,
    );
    expect(Number(onMoved?.n)).toBe(issue.comments);
    expect(await commentsOf(to.id)).toBe(emulator.admin.counts(to.full_name).comments);
    expect(await commentsOf(from.id)).toBe(emulator.admin.counts(from.full_name).comments);
  });
});
