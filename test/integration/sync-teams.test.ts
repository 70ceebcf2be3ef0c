/**
 * Organization teams and their members in `sync --org`: every team and member, with roles, as an
 * independent walk finds them (roles asked member by member, not by the role lists the sync reads);
 * a second run answered only by 304s; a team no longer listed tombstoned and a member no longer
 * listed deleted; no access to teams (a fine-grained token's 403) logged once, not a failure.
 */
import { and, eq } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { Database } from "../../src/store/database.js";
import { teamMembers, teams } from "../../src/store/schema.js";
import { Progress } from "../../src/sync/progress.js";
import { syncTeams } from "../../src/sync/run-sync.js";
import { freshDatabase } from "../helpers/databases.js";
import { silentLog, syncOrg, testClient } from "../helpers/sync-harness.js";
import { walkTeams, type WalkedTeam } from "../helpers/walk-github.js";

const memberKeys = (list: { teamId: number; accountId: number; login: string; role: string }[]) =>
  list.map((m) => `${m.teamId}:${m.accountId}:${m.login}:${m.role}`).sort();

/** A fetch through which GitHub no longer lists one team, nor one member of another team. */
function hidingFetch(hiddenTeam: WalkedTeam, other: WalkedTeam, hiddenLogin: string): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const hidesTeam = url.pathname.endsWith("/teams");
    const hidesMember =
      url.pathname.endsWith(`/team/${other.id}/members`) ||
      url.pathname.endsWith(`/teams/${other.slug}/members`);
    if (!hidesTeam && !hidesMember) return fetch(input, init);
    // Asked without its ETag, so the emulator answers the whole list, which is then cut.
    const headers = new Headers(init?.headers);
    headers.delete("if-none-match");
    const response = await fetch(input, { ...init, headers });
    const items = (await response.json()) as { id: number; login?: string }[];
    const kept = items.filter((item) => (hidesTeam ? item.id !== hiddenTeam.id : item.login !== hiddenLogin));
    const answer = new Headers(response.headers);
    answer.delete("content-length");
    answer.set("etag", `"cut-${kept.length}"`);
    return new Response(JSON.stringify(kept), { status: response.status, headers: answer });
  };
}

describe("organization teams and members", () => {
  let emulator: RunningEmulator;
  let database: Database;
  let truth: WalkedTeam[];
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 7, repos: 2, scale: "small" });
    database = await freshDatabase();
    truth = await walkTeams(emulator.url, "acme");
  });
  afterAll(async () => {
    await database?.close();
    await emulator?.close();
  });

  const deps = (client = testClient(emulator.url), log = silentLog) => ({
    db: database.db,
    client,
    log,
    progress: new Progress(),
  });

  it("mirrors every team and member with its role, as an independent walk finds them", async () => {
    await syncOrg(database.db, testClient(emulator.url), "acme");
    expect(truth.length).toBeGreaterThan(1);
    const rows = await database.db.select().from(teams).orderBy(teams.id);
    expect(rows.map(({ id, slug, name, org, deletedAt }) => ({ id, slug, name, org, deletedAt }))).toEqual(
      truth
        .map(({ id, slug, name }) => ({ id, slug, name, org: "acme", deletedAt: null }))
        .sort((a, b) => a.id - b.id),
    );
    const expected = truth.flatMap((team) =>
      team.members.map((m) => ({ teamId: team.id, accountId: m.id, login: m.login, role: m.role })),
    );
    expect(expected.some((m) => m.role === "maintainer")).toBe(true);
    expect(memberKeys(await database.db.select().from(teamMembers))).toEqual(memberKeys(expected));
  });

  it("reads them again with only 304s when nothing changed (0 points)", async () => {
    const client = testClient(emulator.url);
    expect(await syncTeams(deps(client), "acme")).toBe(true);
    // The team list, and two role lists per team.
    expect(client.counters.requests).toBe(1 + 2 * truth.length);
    expect(client.counters.notModified).toBe(client.counters.requests);
    expect(client.counters.pointsUsed).toBe(0);
  });

  it("tombstones a team no longer listed and deletes a member no longer listed; the lists bring them back", async () => {
    const [hidden, other] = truth.filter((team) => team.members.length > 0) as [WalkedTeam, WalkedTeam];
    const login = other.members[0]?.login as string;
    await syncTeams(
      deps(testClient(emulator.url, ["test-token"], { fetch: hidingFetch(hidden, other, login) })),
      "acme",
    );
    const [gone] = await database.db.select().from(teams).where(eq(teams.id, hidden.id));
    expect(gone?.deletedAt).not.toBeNull();
    expect(await database.db.select().from(teamMembers).where(eq(teamMembers.teamId, hidden.id))).toEqual([]);
    const member = and(eq(teamMembers.teamId, other.id), eq(teamMembers.login, login));
    expect(await database.db.select().from(teamMembers).where(member)).toEqual([]);
    expect(await database.db.select().from(teamMembers).where(eq(teamMembers.teamId, other.id))).toHaveLength(
      other.members.length - 1,
    );

    // The next run sees GitHub's lists changed again (their ETags differ from the cut ones).
    await syncTeams(deps(), "acme");
    const [back] = await database.db.select().from(teams).where(eq(teams.id, hidden.id));
    expect(back?.deletedAt).toBeNull();
    expect(await database.db.select().from(teamMembers).where(member)).toHaveLength(1);
  });

  it("says once that a credential cannot read teams (403), and the sync goes on", async () => {
    const denied: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (!url.pathname.includes("/teams")) return fetch(input, init);
      return new Response(JSON.stringify({ message: "Resource not accessible by personal access token" }), {
        status: 403,
        headers: { "content-type": "application/json" },
      });
    };
    const warnings: string[] = [];
    const log = pino({ level: "warn" }, { write: (line: string) => void warnings.push(line) });
    const client = testClient(emulator.url, ["test-token"], { fetch: denied });
    expect(await syncTeams(deps(client, log), "acme")).toBe(false);
    expect(await syncTeams(deps(client, log), "acme")).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("not readable with this credential (GitHub refused /orgs/acme/teams (403)");
    // The mirror keeps what it had.
    expect(await database.db.select().from(teams)).toHaveLength(truth.length);
  });
});
