/**
 * Rate limits like GitHub's: a primary limit per token with a fixed window from the first request
 * (403 or 429 + remaining 0 + reset when exhausted; /rate_limit is free), 60/h without a token,
 * secondary limits (injected, or over 100 concurrent requests per token) with retry-after, with
 * remaining 0 + reset, or with neither, and 401 "Bad credentials" for a revoked token.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { EmulatorOptions, RunningEmulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { TOKEN, get, record } from "./helpers.js";

let emu: RunningEmulator | undefined;

async function start(options: EmulatorOptions): Promise<RunningEmulator> {
  emu = await startEmulator({ port: 0, ...options });
  return emu;
}

afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe("primary rate limit", () => {
  it("exhaustion → 403 with remaining 0 and reset; the window resets after rateWindowS", async () => {
    let wall = Date.parse("2025-05-05T10:00:00Z");
    const { url, admin } = await start({ rateLimit: 5, rateWindowS: 60, clock: () => wall });
    for (let i = 0; i < 5; i++) {
      const reply = await get(url, "/repos/acme/web");
      expect(reply.status).toBe(200);
      expect(reply.headers.get("x-ratelimit-remaining")).toBe(String(4 - i));
      expect(reply.headers.get("x-ratelimit-used")).toBe(String(i + 1));
    }
    const limited = await get(url, "/repos/acme/web");
    expect(limited.status).toBe(403);
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    const reset = Number(limited.headers.get("x-ratelimit-reset"));
    expect(reset).toBe(Math.ceil((Date.parse("2025-05-05T10:00:00Z") + 60_000) / 1000));
    const overview = record((await get(url, "/rate_limit")).body);
    expect(record(record(overview.resources).core).remaining).toBe(0);
    expect(String(record(limited.body).message)).toMatch(/^API rate limit exceeded for user ID \d+\./);
    expect(record(limited.body).documentation_url).toContain("rate-limits");
    wall += 61_000;
    const fresh = await get(url, "/repos/acme/web");
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("x-ratelimit-remaining")).toBe("4");
    expect(Number(fresh.headers.get("x-ratelimit-reset"))).toBeGreaterThan(reset);
    expect(admin.requestStats()[TOKEN]?.rate_limited).toBe(1);
  });

  it("limits are per token, and 60 per window without a token", async () => {
    const { url } = await start({ rateLimit: 2 });
    await get(url, "/repos/acme/web", { token: "a" });
    await get(url, "/repos/acme/web", { token: "a" });
    expect((await get(url, "/repos/acme/web", { token: "a" })).status).toBe(403);
    expect((await get(url, "/repos/acme/web", { token: "b" })).status).toBe(200);
    const anonymous = await get(url, "/repos/acme/web", { token: null });
    expect(anonymous.headers.get("x-ratelimit-limit")).toBe("60");
    for (let i = 1; i < 60; i++) await get(url, "/repos/acme/web", { token: null });
    const limited = await get(url, "/repos/acme/web", { token: null });
    expect(limited.status).toBe(403);
    expect(String(record(limited.body).message)).toContain("Authenticated requests get a higher rate limit");
  });

  it("answers an exhausted limit with 429 when primaryStatus is 429 (GitHub sends 403 or 429)", async () => {
    const { url, admin } = await start({ rateLimit: 1, primaryStatus: 429 });
    await get(url, "/repos/acme/web");
    const limited = await get(url, "/repos/acme/web");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(record(limited.body).status).toBe("429");
    admin.setFaults({ primaryStatus: 403 });
    expect((await get(url, "/repos/acme/web")).status).toBe(403);
  });

  it("/rate_limit has GitHub's shape and is free", async () => {
    const { url } = await start({});
    await get(url, "/repos/acme/web");
    const before = record((await get(url, "/rate_limit")).body);
    const after = await get(url, "/rate_limit");
    expect(record(record(after.body).rate).used).toBe(1);
    expect(record(record(before.resources).core)).toEqual(record(record(after.body).rate));
    expect(Object.keys(record(before.resources))).toEqual(
      expect.arrayContaining(["core", "search", "graphql"]),
    );
    expect(after.headers.get("x-ratelimit-remaining")).toBe("4999");
  });
});

describe("secondary rate limits, faults and credentials", () => {
  it("injected secondary limits → 403/429 with retry-after, then normal service", async () => {
    const { url, admin } = await start({});
    admin.setFaults({ secondary: { count: 2, retryAfterS: 7, status: 429 } });
    for (let i = 0; i < 2; i++) {
      const reply = await get(url, "/repos/acme/web");
      expect(reply.status).toBe(429);
      expect(reply.headers.get("retry-after")).toBe("7");
      expect(String(record(reply.body).message)).toContain("secondary rate limit");
      expect(reply.headers.get("x-ratelimit-remaining")).toBe("5000");
    }
    expect((await get(url, "/repos/acme/web")).status).toBe(200);
    admin.setFaults({ secondary: { count: 1 } });
    const forbidden = await get(url, "/repos/acme/web");
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("retry-after")).toBe("60");
  });

  it("a secondary limit can come without retry-after: with remaining 0 and a reset, or with neither", async () => {
    let wall = Date.parse("2025-05-05T10:00:00Z");
    const { url, admin } = await start({ clock: () => wall });
    admin.setFaults({ secondary: { count: 1, retryAfterS: 30, status: 429, form: "reset" } });
    const withReset = await get(url, "/repos/acme/web");
    expect(withReset.status).toBe(429);
    expect(withReset.headers.get("retry-after")).toBeNull();
    expect(withReset.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(withReset.headers.get("x-ratelimit-reset"))).toBe(wall / 1000 + 30);
    wall += 1_000;
    admin.setFaults({ secondary: { count: 1, form: "none" } });
    const bare = await get(url, "/repos/acme/web");
    expect(bare.status).toBe(403);
    expect(bare.headers.get("retry-after")).toBeNull();
    expect(bare.headers.get("x-ratelimit-remaining")).not.toBe("0");
    expect(String(record(bare.body).message)).toContain("secondary rate limit");
  });

  it("more than 100 concurrent requests of one token → secondary limit for the excess", async () => {
    const { url } = await start({ latencyMs: 300 });
    const replies = await Promise.all(Array.from({ length: 110 }, () => get(url, "/repos/acme/web/pulls")));
    const limited = replies.filter((reply) => reply.status === 403);
    expect(limited.length).toBeGreaterThanOrEqual(10);
    expect(limited.every((reply) => reply.headers.get("retry-after") !== null)).toBe(true);
    expect(replies.filter((reply) => reply.status === 200).length).toBeGreaterThanOrEqual(90);
  });

  it("the per-minute secondary limit applies when configured", async () => {
    const { url } = await start({ pointsPerMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(url, "/repos/acme/web")).status);
    expect(statuses).toEqual([200, 200, 200, 403]);
  });

  it("a revoked token gets 401 Bad credentials; other tokens keep working", async () => {
    const { url, admin } = await start({});
    expect((await get(url, "/user", { token: "doomed" })).status).toBe(200);
    const revoke = await fetch(`${url}/_emulator/tokens/doomed/revoke`, { method: "POST" });
    expect(revoke.status).toBe(200);
    const reply = await get(url, "/repos/acme/web", { token: "doomed" });
    expect(reply.status).toBe(401);
    expect(record(reply.body).message).toBe("Bad credentials");
    expect((await get(url, "/repos/acme/web")).status).toBe(200);
    admin.revokeToken(TOKEN);
    expect((await get(url, "/repos/acme/web")).status).toBe(401);
  });

  it("faults fail requests (5xx JSON or dropped connections) without touching data; admin routes are exempt", async () => {
    const { url, admin } = await start({ faultRate: 1 });
    const before = admin.counts();
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      try {
        const reply = await get(url, "/repos/acme/web/issues");
        outcomes.push(String(reply.status));
        expect(reply.body).toEqual({ message: expect.any(String) });
      } catch {
        outcomes.push("drop");
      }
    }
    expect(outcomes.every((outcome) => ["500", "502", "503", "drop"].includes(outcome))).toBe(true);
    expect(new Set(outcomes).size).toBeGreaterThan(1);
    const stats = await fetch(`${url}/_emulator/stats`);
    expect(stats.status).toBe(200);
    expect(admin.counts()).toEqual(before);
    admin.setFaults({ faultRate: 0, failNext: { count: 1, status: 504 } });
    expect((await get(url, "/repos/acme/web")).status).toBe(504);
    expect((await get(url, "/repos/acme/web")).status).toBe(200);
    expect(admin.requestStats()[TOKEN]?.faults).toBe(21);
  });

  it("latency delays API requests only", async () => {
    const { url, admin } = await start({});
    admin.setFaults({ latencyMs: 400 });
    let started = performance.now();
    await get(url, "/repos/acme/web");
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    started = performance.now();
    await fetch(`${url}/_emulator/stats`);
    expect(performance.now() - started).toBeLessThan(300);
  });
});
