/**
 * A GitHub API nobody answers at fails within seconds, saying so (issue 20: it once took 56 s of
 * 5xx back-off and then reported "GitHub answered 500"). Fetch failures are built in undici's
 * shape; test/integration/cli.test.ts meets a real closed port.
 */
import { describe, expect, it } from "vitest";
import { GitHubClient } from "../../src/github/client.js";
import { CredentialPool, credentialsFromTokens } from "../../src/github/credential-pool.js";
import { UNREACHABLE_PAUSES_MS } from "../../src/github/unreachable.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { silentLog } from "../helpers/sync-harness.js";

const START = Date.parse("2026-03-01T12:00:00Z");

/** What Node's fetch throws when a connection fails: TypeError("fetch failed") over the system error. */
function fetchFailed(code: string, aggregate = false): TypeError {
  const system = Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });
  const cause = aggregate ? Object.assign(new AggregateError([system], ""), { code }) : system;
  return new TypeError("fetch failed", { cause });
}

/** A fetch that fails `times` times with `error`, then answers `status`; counts its calls. */
function failingThen(times: number, error: () => Error, status = 200) {
  const calls = { count: 0 };
  const fetch = async () => {
    calls.count++;
    if (calls.count <= times) throw error();
    return new Response(status === 200 ? "[]" : JSON.stringify({ message: "boom" }), {
      status,
      headers: { "content-type": "application/json" },
    });
  };
  return { calls, fetch };
}

function clientOn(clock: FakeClock, fetch: () => Promise<Response>) {
  return new GitHubClient({
    baseUrl: "http://127.0.0.1:9",
    pool: new CredentialPool(credentialsFromTokens(["token"]), 100, () => clock.now()),
    log: silentLog,
    clock,
    fetch,
    // Were the retry plugin to take over, it would retry five times more per attempt, at once.
    retryBaseMs: 1,
  });
}

describe("an unreachable GitHub API", () => {
  it.each([
    ["refused", fetchFailed("ECONNREFUSED")],
    ["refused on every address of a name", fetchFailed("ECONNREFUSED", true)],
    ["a name that does not resolve", fetchFailed("ENOTFOUND")],
  ])("fails after three tries, under 15 s of pauses, when the connection is %s", async (_, error) => {
    const clock = new FakeClock(START);
    const { calls, fetch } = failingThen(Infinity, () => error);
    const request = clientOn(clock, fetch).get("/repos/acme/web");
    await expect(request).rejects.toMatchObject({
      code: "github_unreachable",
      retryable: true,
      message: expect.stringMatching(
        /^could not reach the GitHub API at http:\/\/127\.0\.0\.1:9 \(E[A-Z]+\)/,
      ),
    });
    expect(calls.count).toBe(3);
    expect(clock.sleeps).toEqual([...UNREACHABLE_PAUSES_MS]);
    expect(clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThan(15_000);
  });

  it("carries on when the connection comes back within the pauses (a restarting proxy)", async () => {
    const clock = new FakeClock(START);
    const { calls, fetch } = failingThen(2, () => fetchFailed("ECONNREFUSED"));
    const page = await clientOn(clock, fetch).get("/repos/acme/web/commits");
    expect(page.status).toBe(200);
    expect(calls.count).toBe(3);
  });

  it("leaves a reset connection and GitHub's own 5xx to the retry plugin", async () => {
    const clock = new FakeClock(START);
    const reset = failingThen(2, () => fetchFailed("ECONNRESET"));
    expect((await clientOn(clock, reset.fetch).get("/x")).status).toBe(200);
    const serverError = failingThen(0, () => new Error("unused"), 502);
    await expect(clientOn(clock, serverError.fetch).get("/x")).rejects.toMatchObject({
      code: "github_error",
    });
    expect(serverError.calls.count).toBe(6);
    expect(clock.sleeps).toEqual([]);
  });
});
