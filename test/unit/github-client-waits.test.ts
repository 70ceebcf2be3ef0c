/**
 * The GitHub client's rate-limit waits, on a fake clock: what it waits for and how long, computed
 * without spending that time (a 91 s wait here takes milliseconds).
 */
import { describe, expect, it } from "vitest";
import { GitHubClient } from "../../src/github/client.js";
import { CredentialPool, credentialsFromTokens } from "../../src/github/credential-pool.js";
import { RateLimitWaitError } from "../../src/util/errors.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { silentLog } from "../helpers/sync-harness.js";

const START = Date.parse("2026-03-01T12:00:00Z");

/** One token on `clock`, its budget unknown until GitHub answers. */
const oneToken = (clock: FakeClock) =>
  new CredentialPool(credentialsFromTokens(["token"]), 100, () => clock.now());

/** A pool whose only token has `remaining` points left until `resetInMs` from the clock's now. */
function poolOn(clock: FakeClock, remaining: number, resetInMs: number): CredentialPool {
  const pool = oneToken(clock);
  const resetAt = new Date(clock.now() + resetInMs);
  pool.record(pool.credentials[0]!, { limit: 5000, remaining, used: 5000 - remaining, resetAt });
  return pool;
}

const answer =
  (status: number, headers: Record<string, string> = {}, message = "API rate limit exceeded") =>
  async () =>
    new Response(status === 200 ? "[]" : JSON.stringify({ message }), {
      status,
      headers: { "content-type": "application/json", ...headers },
    });

type ClientOptions = ConstructorParameters<typeof GitHubClient>[0];

/** A client of a test GitHub on `clock`, with one token unless `options` say otherwise. */
const clientOn = (clock: FakeClock, options: Partial<ClientOptions>) =>
  new GitHubClient({
    baseUrl: "https://api.github.test",
    pool: oneToken(clock),
    log: silentLog,
    clock,
    ...options,
  });

/** Answers `refusal` `times` times, then 200. */
function refusedThen(times: number, refusal: () => Promise<Response>): () => Promise<Response> {
  let left = times;
  return () => (left-- > 0 ? refusal() : answer(200)());
}

describe("GitHub client waits on the injected clock", () => {
  it("waits until a second after the earliest reset when every token is low, then sends", async () => {
    const clock = new FakeClock(START);
    const waits: Date[] = [];
    const client = clientOn(clock, {
      pool: poolOn(clock, 0, 90_000),
      fetch: answer(200),
      onWait: (until) => waits.push(until),
    });
    const page = await client.get("/repos/acme/web/commits");
    expect(page.status).toBe(200);
    expect(clock.sleeps).toEqual([91_000]);
    expect(waits).toEqual([new Date(START + 90_000)]);
  });

  it("logs a wait once however many requests wait for the same reset", async () => {
    const clock = new FakeClock(START);
    const lines: { level: string; message: string }[] = [];
    const record = (level: string) => (_fields: unknown, message?: string) =>
      void lines.push({ level, message: message ?? "" });
    const log = { ...silentLog, info: record("info"), warn: record("warn") } as typeof silentLog;
    const client = clientOn(clock, { pool: poolOn(clock, 0, 90_000), fetch: answer(200), log });
    await Promise.all(Array.from({ length: 24 }, (_, i) => client.get(`/repos/acme/web/issues/${i}`)));
    expect(lines).toEqual([
      {
        level: "warn",
        message: `every GitHub token is below its rate limit threshold until ${new Date(START + 90_000).toISOString()}; waiting`,
      },
    ]);
    // A caller that shows waits itself (a terminal's bar, a job's status) gets it at info level.
    const shown: Date[] = [];
    const quiet: typeof lines = [];
    const quietLog = {
      ...silentLog,
      info: (_f: unknown, message?: string) => void quiet.push({ level: "info", message: message ?? "" }),
      warn: (_f: unknown, message?: string) => void quiet.push({ level: "warn", message: message ?? "" }),
    } as typeof silentLog;
    const later = new FakeClock(START);
    const showing = clientOn(later, {
      pool: poolOn(later, 0, 90_000),
      fetch: answer(200),
      log: quietLog,
      onWait: (until) => shown.push(until),
    });
    await Promise.all([showing.get("/repos/acme/web/pulls"), showing.get("/repos/acme/web/issues")]);
    expect(quiet.map((line) => line.level)).toEqual(["info"]);
    expect(shown).toEqual([new Date(START + 90_000)]);
  });

  it("hands a job back at the reset instead of waiting longer than its limit", async () => {
    const clock = new FakeClock(START);
    const client = clientOn(clock, {
      pool: poolOn(clock, 0, 90_000),
      fetch: answer(200),
      maxWaitMs: 30_000,
    });
    const refused = client.get("/repos/acme/web/commits");
    await expect(refused).rejects.toThrow(RateLimitWaitError);
    await expect(refused).rejects.toMatchObject({ resumeAt: new Date(START + 90_000) });
    expect(clock.sleeps).toEqual([]);
  });

  it("resumes a minute after now when GitHub refuses with no reset time", async () => {
    const clock = new FakeClock(START);
    const client = clientOn(clock, {
      fetch: answer(403, { "x-ratelimit-remaining": "0" }),
      maxWaitMs: 30_000,
    });
    await expect(client.get("/repos/acme/web/commits")).rejects.toMatchObject({
      resumeAt: new Date(START + 60_000),
    });
  });

  it("backs off exponentially on repeated secondary limits, on top of GitHub's retry-after", async () => {
    const clock = new FakeClock(START);
    // retry-after 0.01 s: the throttling plugin's own wait (real time) stays 10 ms.
    const secondary = answer(403, { "retry-after": "0.01" }, "You have exceeded a secondary rate limit.");
    const client = clientOn(clock, {
      fetch: refusedThen(3, secondary),
    });
    expect((await client.get("/repos/acme/web/commits")).status).toBe(200);
    // retry-after × (2^n − 1) for the n-th repeat: nothing on the first refusal, then 10, 30 ms.
    expect(clock.sleeps).toEqual([10, 30]);
  });

  it("waits until x-ratelimit-reset for a secondary limit without retry-after but remaining 0", async () => {
    // The reset is 10 ms ahead of the fake clock: the plugin's real wait stays short.
    const clock = new FakeClock(START - 10);
    const secondary = answer(
      429,
      { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(START / 1_000) },
      "You have exceeded a secondary rate limit.",
    );
    const client = clientOn(clock, {
      fetch: refusedThen(2, secondary),
    });
    expect((await client.get("/repos/acme/web/commits")).status).toBe(200);
    // The repeat's back-off is the reset's 10 ms, not the 60 s fallback for a limit with no hint.
    expect(clock.sleeps).toEqual([10]);
  });

  it("hands a job back at x-ratelimit-reset when the primary limit answers 429", async () => {
    const clock = new FakeClock(START);
    const reset = START / 1_000 + 120;
    const client = clientOn(clock, {
      fetch: answer(429, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) }),
      maxWaitMs: 30_000,
    });
    await expect(client.get("/repos/acme/web/commits")).rejects.toMatchObject({
      resumeAt: new Date(reset * 1_000),
    });
  });

  it("spends GraphQL's budget on GraphQL only: a repository named graphql is read on REST's", async () => {
    const clock = new FakeClock(START);
    const pool = oneToken(clock);
    const resetAt = new Date(clock.now() + 3_600_000);
    pool.record(pool.credentials[0]!, { limit: 5000, remaining: 0, used: 5000, resetAt }, "graphql");
    const client = clientOn(clock, { pool, fetch: answer(200), maxWaitMs: 0 });
    await expect(client.get("/repos/acme/graphql")).resolves.toMatchObject({ status: 200 });
    await expect(client.graphql("query { viewer { login } }", {})).rejects.toBeInstanceOf(RateLimitWaitError);
  });
});
