import { describe, expect, it } from "vitest";
import { CredentialPool, credentialsFromTokens } from "../../src/github/credential-pool.js";

const budget = (remaining: number, resetInMs: number, now: number, limit = 5000) => ({
  limit,
  remaining,
  used: limit - remaining,
  resetAt: new Date(now + resetInMs),
});

describe("credential pool", () => {
  it("labels tokens by position and never exposes them in labels", () => {
    const [first, second] = credentialsFromTokens(["secret-a", "secret-b"]);
    expect(first?.label).toBe("GITHUB_TOKEN #1");
    expect(second?.label).toBe("GITHUB_TOKEN #2");
    expect(first?.fingerprint).not.toContain("secret");
  });

  it("counts the points an hour of its usable tokens, 5,000 each until GitHub says otherwise", () => {
    const now = 1_000_000;
    const pool = new CredentialPool(credentialsFromTokens(["a", "b", "c"]), 100, () => now);
    const [a, , c] = pool.credentials;
    expect(pool.hourlyPoints()).toBe(15_000);
    pool.record(a!, budget(900, 60_000, now, 1000));
    pool.reject(c!, 401);
    expect(pool.hourlyPoints()).toBe(6_000);
  });

  it("picks the token with the most remaining budget", () => {
    const now = 1_000_000;
    const pool = new CredentialPool(credentialsFromTokens(["a", "b"]), 100, () => now);
    const [a, b] = pool.credentials;
    pool.record(a!, budget(500, 60_000, now));
    pool.record(b!, budget(4000, 60_000, now));
    expect(pool.choose()).toEqual({ credential: b });
  });

  it("rests every token below the threshold until the earliest reset (waits, never exceeds)", () => {
    const now = 1_000_000;
    const pool = new CredentialPool(credentialsFromTokens(["a", "b"]), 100, () => now);
    const [a, b] = pool.credentials;
    pool.record(a!, budget(50, 90_000, now));
    pool.record(b!, budget(99, 30_000, now));
    expect(pool.choose()).toEqual({ waitUntil: new Date(now + 30_000) });
  });

  it("uses a token again once its reset time has passed", () => {
    let now = 1_000_000;
    const pool = new CredentialPool(credentialsFromTokens(["a"]), 100, () => now);
    pool.record(pool.credentials[0]!, budget(0, 10_000, now));
    expect("waitUntil" in pool.choose()).toBe(true);
    now += 10_001;
    expect(pool.choose()).toEqual({ credential: pool.credentials[0] });
  });

  it("moves work off a rejected token and fails with every reason when none is left", () => {
    const pool = new CredentialPool(credentialsFromTokens(["a", "b"]));
    const [a, b] = pool.credentials;
    expect(pool.reject(b!, 401)).toMatch(/^GITHUB_TOKEN #2 was rejected by GitHub \(401\)/);
    expect(pool.choose()).toEqual({ credential: a });
    pool.reject(a!, 401);
    expect(() => pool.choose()).toThrow(
      /every GitHub token was rejected: GITHUB_TOKEN #1 .*; GITHUB_TOKEN #2/,
    );
  });

  it("asks for a credential, at the first request, when none is configured", () => {
    const pool = new CredentialPool([]);
    expect(() => pool.choose()).toThrow(/set GITHUB_TOKEN .* or GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY/);
  });
});

describe("credential pool accounting", () => {
  it("counts requests in flight against the last reading, so concurrency cannot overrun a limit", () => {
    const now = 1_000_000;
    const pool = new CredentialPool(credentialsFromTokens(["a"]), 100, () => now);
    const [a] = pool.credentials;
    pool.record(a!, { limit: 5000, remaining: 105, used: 4895, resetAt: new Date(now + 60_000) });
    for (let i = 0; i < 5; i++) pool.reserve(a!);
    expect("waitUntil" in pool.choose()).toBe(true);
    pool.release(a!);
    expect(pool.choose()).toEqual({ credential: a });
  });

  it("keeps the lowest reading of a window when responses arrive out of order", () => {
    const now = 1_000_000;
    const pool = new CredentialPool(credentialsFromTokens(["a"]), 100, () => now);
    const [a] = pool.credentials;
    const resetAt = new Date(now + 60_000);
    pool.record(a!, { limit: 5000, remaining: 300, used: 4700, resetAt });
    pool.record(a!, { limit: 5000, remaining: 310, used: 4690, resetAt });
    expect(pool.budgetOf(a!)?.remaining).toBe(300);
    pool.record(a!, { limit: 5000, remaining: 5000, used: 0, resetAt: new Date(now + 3_660_000) });
    expect(pool.budgetOf(a!)?.remaining).toBe(5000);
  });

  it("ignores a late reading of an earlier window, which would hide the new window's spending", () => {
    let now = 1_000_000;
    const pool = new CredentialPool(credentialsFromTokens(["a"]), 100, () => now);
    const [a] = pool.credentials;
    // A request counted just before the window reset answers after the new window's first ones.
    pool.record(a!, budget(6, 3_000, now, 40));
    now += 1_000;
    pool.record(a!, budget(5, -500, now, 40));
    expect(pool.budgetOf(a!)?.remaining).toBe(6);
    expect(pool.choose()).toEqual({ credential: a });
    pool.reserve(a!);
    pool.reserve(a!);
    expect(pool.choose()).toEqual({ waitUntil: new Date(1_003_000) });
  });
});

describe("credential pool, per rate-limit resource", () => {
  it("keeps REST and GraphQL budgets apart: a token out of one still serves the other", () => {
    const now = 1_000_000;
    const pool = new CredentialPool(credentialsFromTokens(["a", "b"]), 100, () => now);
    const [a, b] = pool.credentials;
    pool.record(a!, budget(4_000, 60_000, now));
    pool.record(b!, budget(3_000, 60_000, now));
    pool.record(a!, budget(0, 60_000, now), "graphql");
    pool.record(b!, budget(2_500, 60_000, now), "graphql");
    expect(pool.choose()).toEqual({ credential: a });
    expect(pool.choose("graphql")).toEqual({ credential: b });
    pool.record(b!, budget(0, 60_000, now), "graphql");
    expect(pool.choose("graphql")).toEqual({ waitUntil: new Date(now + 60_000) });
    expect(pool.choose()).toEqual({ credential: a });
    expect(pool.budgetOf(a!, "graphql")?.remaining).toBe(0);
    expect(pool.budgetOf(a!)?.remaining).toBe(4_000);
  });
});
