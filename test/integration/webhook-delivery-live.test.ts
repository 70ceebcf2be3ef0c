/**
 * The emulator's own deliveries of review comments, teams and memberships (GitHub's payloads, signed,
 * sent to `serve`) give the rows a sync of the same emulator gives: a comment added and one edited
 * equal their synced rows, a deleted one is a tombstone; a new team and its new member equal theirs;
 * a member's removal is applied too (every delivery processed). The organization's repositories are not tracked: every signed
 * delivery is applied (DESIGN.md, Contract).
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Database, Db } from "../../src/store/database.js";
import { queryRows } from "../../src/store/raw-query.js";
import { teamMembers } from "../../src/store/schema.js";
import { freshDatabase } from "../helpers/databases.js";
import { freePort, startTestServer, type TestServer } from "../helpers/server-harness.js";
import { settled } from "../helpers/settled.js";
import { syncOrg, testClient } from "../helpers/sync-harness.js";

const SECRET = "delivery-webhook-secret";
let emulator: RunningEmulator | undefined;
let server: TestServer | undefined;
let synced: Database | undefined;
afterAll(async () => {
  await server?.close();
  await synced?.close();
  await emulator?.close();
});

async function row(db: Db, table: string, where: string): Promise<Record<string, unknown> | undefined> {
  const [found] = await queryRows<Record<string, unknown>>(
    db,
    sql.raw(`select * from ${table} where ${where}`),
  );
  if (!found) return undefined;
  const { synced_at: _written, ...rest } = found;
  return rest;
}

describe("review comment, team and membership deliveries", () => {
  it("write the rows a sync writes", async () => {
    const port = await freePort();
    emulator = await startEmulator({
      port: 0,
      seed: 7,
      repos: 2,
      scale: "small",
      webhook: { url: `http://127.0.0.1:${port}/webhooks/github`, secret: SECRET },
    });
    server = await startTestServer(
      { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: "delivery-token", GITHUB_WEBHOOK_SECRET: SECRET },
      undefined,
      port,
    );
    const admin = emulator.admin;
    const repo = admin.repositories()[0]?.full_name as string;
    const open = admin.pulls(repo).find((pull) => pull.state === "open");
    const [edited, deleted] = admin.reviewComments(repo);
    const [team] = admin.teams();
    if (!open || !edited || !deleted || !team)
      throw new Error("an open pull, two review comments and a team expected");
    const added = admin.addReviewComment(repo, open.number, { body: "a new inline comment" });
    admin.editReviewComment(repo, edited.id, { body: "edited inline" });
    admin.deleteReviewComment(repo, deleted.id);
    const created = admin.createTeam("Release Crew", { description: "ships it" });
    const newcomer = team.members[0]?.login as string;
    admin.addTeamMember(created.slug, newcomer);
    const leaving = team.members[1]?.login as string;
    admin.removeTeamMember(team.slug, leaving);
    await admin.flushWebhooks();
    const db = server.database.db;
    await settled(db, "the deliveries");
    const [failed] = await queryRows(
      db,
      sql`select event, error from webhook_deliveries where status <> 'processed'`,
    );
    expect(failed).toBeUndefined();

    synced = await freshDatabase();
    await syncOrg(synced.db, testClient(emulator.url), "acme");
    for (const id of [added.id, edited.id]) {
      const delivered = await row(db, "review_comments", `id = ${id}`);
      expect(delivered).toBeDefined();
      expect(delivered).toEqual(await row(synced.db, "review_comments", `id = ${id}`));
    }
    expect((await row(db, "review_comments", `id = ${deleted.id}`))?.deleted_at).not.toBeNull();
    expect(await row(db, "teams", `id = ${created.id}`)).toEqual(
      await row(synced.db, "teams", `id = ${created.id}`),
    );
    const membership = (of: Db) =>
      of
        .select()
        .from(teamMembers)
        .where(eq(teamMembers.teamId, created.id))
        .then((rows) => rows.map(({ syncedAt: _written, ...rest }) => rest));
    expect(await membership(db)).toEqual(await membership(synced.db));
    expect(await membership(db)).toHaveLength(1);
  });
});
