import { describe, expect, it } from "vitest";
import { MAX_PAGE, MIN_PAGE, PageSize } from "../../src/sync/graphql/page-size.js";
import { GhsyncError, RateLimitWaitError } from "../../src/util/errors.js";

const timeout = () =>
  new GhsyncError("github_error", "GitHub answered 502 for /graphql", { status: 502, retryable: true });

function sizeWithPauses(): { size: PageSize; pauses: number[] } {
  const pauses: number[] = [];
  return {
    pauses,
    size: new PageSize(async (attempt) => {
      pauses.push(attempt);
    }),
  };
}

describe("GraphQL page size", () => {
  it("halves the page on a 502 and asks again, then grows back after successes", async () => {
    const { size, pauses } = sizeWithPauses();
    const asked: number[] = [];
    // GitHub gives up on anything above 30 pull requests at a time.
    const query = async (first: number) => {
      asked.push(first);
      if (first > 30) throw timeout();
      return first;
    };
    expect(await size.run("pull requests", query)).toBe(25);
    expect(asked).toEqual([100, 50, 25]);
    expect(pauses).toEqual([1, 2]);
    asked.length = 0;
    await size.run("pull requests", query);
    await size.run("pull requests", query);
    // Three successes in a row: the next page asks for twice as many (and halves again).
    expect(size.current).toBe(MAX_PAGE / 2);
    expect(await size.run("pull requests", query)).toBe(25);
    expect(asked).toEqual([25, 25, 50, 25]);
  });

  it("reports a query that fails even at the smallest size, without looping", async () => {
    const { size } = sizeWithPauses();
    let attempts = 0;
    const failing = size.run("acme/web's pull requests", async () => {
      attempts++;
      throw timeout();
    });
    await expect(failing).rejects.toMatchObject({
      code: "graphql_failed",
      retryable: true,
      message: expect.stringContaining(`even ${MIN_PAGE} at a time`),
    });
    // 100, 50, 25, 12, 6, then the smallest size twice.
    expect(attempts).toBe(7);
  });

  it("passes rate-limit waits and errors that a smaller query cannot avoid straight through", async () => {
    const { size } = sizeWithPauses();
    const wait = new RateLimitWaitError(new Date(0), "no graphql budget");
    await expect(size.run("x", () => Promise.reject(wait))).rejects.toBe(wait);
    const gone = new GhsyncError("not_found", "no such repository", { status: 404 });
    await expect(size.run("x", () => Promise.reject(gone))).rejects.toBe(gone);
    expect(size.current).toBe(MAX_PAGE);
  });
});
