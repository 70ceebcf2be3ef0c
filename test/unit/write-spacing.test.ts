/**
 * Mutating requests one at a time, a second apart (GitHub's guidance), while GraphQL queries —
 * POSTs that mutate nothing — go side by side: Octokit's throttling plugin made each query wait
 * a second for the one before.
 */
import { describe, expect, it } from "vitest";
import { GitHubClient } from "../../src/github/client.js";
import { CredentialPool, credentialsFromTokens } from "../../src/github/credential-pool.js";
import { WriteSpacing } from "../../src/github/write-spacing.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { silentLog } from "../helpers/sync-harness.js";

describe("write spacing", () => {
  it("runs writes one after another, each a second after the previous one ended", async () => {
    const clock = new FakeClock(0);
    const spacing = new WriteSpacing(clock);
    const log: string[] = [];
    const write = (name: string, takesMs: number) =>
      spacing.run(async () => {
        log.push(`${name} starts at ${clock.now()}`);
        await clock.sleep(takesMs);
        return name;
      });
    const results = await Promise.all([write("a", 200), write("b", 50), write("c", 0)]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["a starts at 0", "b starts at 1200", "c starts at 2250"]);
  });

  it("lets a failed write free the next one", async () => {
    const spacing = new WriteSpacing(new FakeClock(0));
    const failed = spacing.run(async () => {
      throw new Error("refused");
    });
    await expect(failed).rejects.toThrow("refused");
    await expect(spacing.run(async () => "next")).resolves.toBe("next");
  });

  it("sends GraphQL queries side by side", async () => {
    let inFlight = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const allIn = new Promise<void>((resolve) => (release = resolve));
    const fetchQuery = async () => {
      most = Math.max(most, ++inFlight);
      if (inFlight === 3) release();
      // Held until all three are in flight; queries sent one at a time would never get there.
      await Promise.race([allIn, new Promise((resolve) => setTimeout(resolve, 500))]);
      inFlight--;
      return new Response(JSON.stringify({ data: { rateLimit: { cost: 1 } } }), {
        status: 200,
        headers: {
          "content-type": "application/json",
          "x-ratelimit-resource": "graphql",
          "x-ratelimit-remaining": "4999",
        },
      });
    };
    const client = new GitHubClient({
      baseUrl: "https://api.github.test",
      pool: new CredentialPool(credentialsFromTokens(["token"])),
      log: silentLog,
      fetch: fetchQuery,
    });
    await Promise.all([1, 2, 3].map(() => client.graphql("{ rateLimit { cost } }", {})));
    expect(most).toBe(3);
  });
});
