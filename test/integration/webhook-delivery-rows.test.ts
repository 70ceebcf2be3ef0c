/**
 * Webhooks and the sync write the same rows (one write path): every inline review comment, team
 * and team member of an emulator organization delivered as GitHub's `pull_request_review_comment`,
 * `team` and `membership` events (payloads built from the emulator's REST objects, which are what
 * GitHub's deliveries carry) gives the rows a sync of the organization gives — but a member's role,
 * which no `membership` payload says (`member` until a sync reads the role lists). Deletions:
 * a deleted comment and a deleted team are tombstones, a removed member's row goes.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Database, Db } from "../../src/store/database.js";
import { queryRows } from "../../src/store/raw-query.js";
import { routeEvent } from "../../src/webhooks/route-event.js";
import type { WebhookPayload } from "../../src/webhooks/payload.js";
import { freshDatabase } from "../helpers/databases.js";
import { syncOrg, testClient } from "../helpers/sync-harness.js";

type Json = Record<string, unknown> & { id: number };

async function get<T>(base: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: "token walker" } });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Every page of a list, by its Link headers. */
async function all(base: string, path: string): Promise<Json[]> {
  const items: Json[] = [];
  let url: string | undefined = `${base}${path}`;
  while (url) {
    const response = await fetch(url, { headers: { authorization: "token walker" } });
    items.push(...((await response.json()) as Json[]));
    url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
  }
  return items;
}

/** A table's rows without the column saying when ghsync wrote them. */
async function rows(db: Db, table: string, order: string): Promise<unknown[]> {
  const found = await queryRows<Record<string, unknown>>(
    db,
    sql.raw(`select * from ${table} order by ${order}`),
  );
  return found.map(({ synced_at: _written, ...row }) => row);
}

describe("webhooks give the rows a sync gives", () => {
  let emulator: RunningEmulator;
  let synced: Database;
  let delivered: Database;
  const deliver = (event: string, payload: Record<string, unknown>) =>
    delivered.db.transaction((tx) =>
      routeEvent(tx, event, payload as unknown as WebhookPayload, { appConfigured: false }),
    );

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 7, repos: 2, scale: "small" });
    [synced, delivered] = [await freshDatabase(), await freshDatabase()];
    await syncOrg(synced.db, testClient(emulator.url), "acme");
  });
  afterAll(async () => {
    await synced?.close();
    await delivered?.close();
    await emulator?.close();
  });

  it("pull_request_review_comment: created for each comment, then one deleted (a tombstone)", async () => {
    const base = emulator.url;
    let last: { repository: Json; pull: Json; comment: Json } | undefined;
    for (const repository of await all(base, "/orgs/acme/repos?per_page=100")) {
      const name = repository.full_name as string;
      for (const comment of await all(base, `/repos/${name}/pulls/comments?per_page=100`)) {
        const number = Number(String(comment.pull_request_url).split("/").pop());
        const pull = await get<Json>(base, `/repos/${name}/pulls/${number}`);
        const result = await deliver("pull_request_review_comment", {
          action: "created",
          comment,
          pull_request: pull,
          repository,
        });
        expect(result.status).toBe("processed");
        last = { repository, pull, comment };
      }
    }
    expect(last).toBeDefined();
    expect(await rows(delivered.db, "review_comments", "id")).toEqual(
      await rows(synced.db, "review_comments", "id"),
    );

    const { repository, pull, comment } = last as NonNullable<typeof last>;
    await deliver("pull_request_review_comment", {
      action: "deleted",
      comment,
      pull_request: pull,
      repository,
    });
    const [gone] = await queryRows<{ deleted_at: Date | null }>(
      delivered.db,
      sql`select deleted_at from review_comments where id = ${comment.id}`,
    );
    expect(gone?.deleted_at).not.toBeNull();
    // A late `edited` of the same comment (older than the deletion) does not bring it back.
    await deliver("pull_request_review_comment", {
      action: "edited",
      comment,
      pull_request: pull,
      repository,
    });
    const [still] = await queryRows<{ deleted_at: Date | null }>(
      delivered.db,
      sql`select deleted_at from review_comments where id = ${comment.id}`,
    );
    expect(still?.deleted_at).not.toBeNull();
  });

  it("team and membership: created and added for each, then a member removed and a team deleted", async () => {
    const base = emulator.url;
    const organization = { login: "acme" };
    const teams = await all(base, "/orgs/acme/teams?per_page=100");
    const members: { team: Json; member: Json }[] = [];
    for (const team of teams) {
      await deliver("team", { action: "created", team, organization });
      for (const member of await all(base, `/orgs/acme/teams/${String(team.slug)}/members?per_page=100`)) {
        await deliver("membership", { action: "added", scope: "team", team, member, organization });
        members.push({ team, member });
      }
    }
    expect(await rows(delivered.db, "teams", "id")).toEqual(await rows(synced.db, "teams", "id"));
    const withoutRole = async (db: Db) =>
      (await rows(db, "team_members", "team_id, account_id")).map((row) => {
        const { role: _role, ...rest } = row as Record<string, unknown>;
        return rest;
      });
    expect(await withoutRole(delivered.db)).toEqual(await withoutRole(synced.db));

    const { team, member } = members[0] as { team: Json; member: Json };
    await deliver("membership", { action: "removed", scope: "team", team, member, organization });
    const left = await queryRows(
      delivered.db,
      sql`select 1 from team_members where team_id = ${team.id} and account_id = ${member.id}`,
    );
    expect(left).toEqual([]);
    await deliver("team", { action: "deleted", team, organization });
    // A late `edited` of the deleted team leaves the tombstone; a late `added` adds no member.
    await deliver("team", { action: "edited", team, organization });
    await deliver("membership", { action: "added", scope: "team", team, member, organization });
    const [tombstone] = await queryRows<{ deleted_at: Date | null }>(
      delivered.db,
      sql`select deleted_at from teams where id = ${team.id}`,
    );
    expect(tombstone?.deleted_at).not.toBeNull();
    expect(await queryRows(delivered.db, sql`select 1 from team_members where team_id = ${team.id}`)).toEqual(
      [],
    );
  });
});
