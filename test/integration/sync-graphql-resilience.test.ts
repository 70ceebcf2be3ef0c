/**
 * GraphQL collection (`--api graphql`, sync-graphql.test.ts) when things go wrong: the points
 * counted exactly as the emulator charged them under faults and secondary limits; a backfill cut
 * off mid-way resumed at the page it stopped; `auto` falling back to REST where a server has no
 * GraphQL; and the wait for the GraphQL budget's reset, never exceeding it.
 */
import { describe, expect, it } from "vitest";
import { mirrorCounts } from "../../src/store/stats.js";
import { graphqlWorlds } from "../helpers/graphql-worlds.js";
import { silentLog } from "../helpers/sync-harness.js";
import { walkOrganization } from "../helpers/walk-github.js";

describe("pull requests with GraphQL, under faults, cuts and limits", () => {
  const { emulator, database, sync, charged } = graphqlWorlds();

  it("counts the points the emulator charged, exactly, under faults and secondary limits", async () => {
    const emu = await emulator({ repos: 1, faultRate: 0.1 });
    emu.admin.setFaults({ secondary: { count: 3, retryAfterS: 1 } });
    for (const api of ["rest", "graphql"] as const) {
      emu.admin.resetRequestStats();
      const summary = await sync(await database(), emu.url, api);
      expect({ api, points: summary.points_used }).toEqual({ api, points: charged(emu) });
    }
  });

  it("resumes a backfill cut off mid-way at the page it stopped, re-reading at most one", async () => {
    const emu = await emulator({ repos: 1, scale: "medium" });
    const db = await database();
    let graphqlQueries = 0;
    const cutAfter = 2;
    const cutting: typeof fetch = async (input, init) => {
      if (String(input).endsWith("/graphql") && ++graphqlQueries > cutAfter) throw new Error("killed");
      return fetch(input, init);
    };
    await expect(sync(db, emu.url, "graphql", { fetch: cutting, retryBaseMs: 1 })).rejects.toThrow();
    const pullsBefore = (await mirrorCounts(db.db, { org: "acme" })).pull_requests;
    expect(pullsBefore).toBeGreaterThan(0);
    emu.admin.resetRequestStats();
    const resumed = await sync(db, emu.url, "graphql");
    const truth = await walkOrganization(emu.url, "acme");
    expect(await mirrorCounts(db.db, { org: "acme" })).toEqual(truth.counts);
    // The pull requests written before the cut are not written again.
    expect(resumed.pull_requests).toBe(truth.counts.pull_requests - pullsBefore);
  });

  it("auto falls back to REST, once, on a server without GraphQL; graphql says what to do", async () => {
    const emu = await emulator({ repos: 1, graphql: false });
    const warnings: string[] = [];
    const log = Object.assign(Object.create(silentLog) as typeof silentLog, {
      warn: (_object: unknown, message?: string) => warnings.push(String(message)),
    });
    const db = await database();
    await sync(db, emu.url, "auto", { log });
    const truth = await walkOrganization(emu.url, "acme");
    expect(await mirrorCounts(db.db, { org: "acme" })).toEqual(truth.counts);
    expect(warnings.filter((message) => message.includes("no GraphQL"))).toHaveLength(1);
    await expect(sync(await database(), emu.url, "graphql")).rejects.toThrow(/no GraphQL API .*--api rest/);
  });

  it("waits for the GraphQL budget's reset when it runs out, never exceeding it", async () => {
    // One repository: its pull requests alone cost more than a window's 4 points.
    const emu = await emulator({ repos: 1, graphqlRateLimit: 4, rateWindowS: 2 });
    const db = await database();
    const waits: Date[] = [];
    await sync(db, emu.url, "graphql", { onWait: (until: Date) => waits.push(until) });
    const truth = await walkOrganization(emu.url, "acme");
    expect(await mirrorCounts(db.db, { org: "acme" })).toEqual(truth.counts);
    expect(waits.length).toBeGreaterThan(0);
  });
});
