import { describe, expect, it } from "vitest";
import { coverageOf, stateOf } from "../../src/store/repository-overview.js";

const checkpoint = (
  entity: string,
  backfillComplete: boolean,
  itemsDone = 0,
  itemsTotal: number | null = null,
) => ({
  entity,
  backfillComplete,
  itemsDone,
  itemsTotal,
});

describe("coverage of the requested depth", () => {
  it("is 0 before any list started and 100 when every list finished its backfill", () => {
    expect(coverageOf([])).toBe(0);
    const all = ["commits", "pull_requests", "issues", "comments"].map((e) => checkpoint(e, true));
    expect(coverageOf(all)).toBe(100);
    // Contributors and reviews have no backfill of their own; they do not count.
    expect(coverageOf([...all, checkpoint("contributors", false)])).toBe(100);
  });

  it("averages the lists' done fractions and never shows 100 before the end", () => {
    expect(
      coverageOf([
        checkpoint("commits", true),
        checkpoint("pull_requests", false, 50, 100),
        checkpoint("issues", false, 0, null),
      ]),
    ).toBe(37); // (1 + 0.5 + 0 + 0) / 4
    expect(
      coverageOf(
        ["commits", "pull_requests", "issues"]
          .map((e) => checkpoint(e, true))
          .concat(checkpoint("comments", false, 1_000, 1_000)),
      ),
    ).toBe(99);
  });
});

describe("repository state from its latest sync record", () => {
  it("follows the job while one is pending or running", () => {
    expect(stateOf({ status: "running", error: null, reason: null }, 40)).toEqual({
      state: "syncing",
      reason: null,
    });
    expect(stateOf({ status: "waiting", error: null, reason: "GITHUB_TOKEN #1 resets at …" }, 40)).toEqual({
      state: "waiting",
      reason: "GITHUB_TOKEN #1 resets at …",
    });
    expect(stateOf({ status: "queued", error: null, reason: null }, 0).state).toBe("queued");
    expect(stateOf({ status: "failed", error: "GitHub answered 500", reason: null }, 80)).toEqual({
      state: "failed",
      reason: "GitHub answered 500",
    });
  });

  it("is up to date only when the backfill is complete", () => {
    expect(stateOf({ status: "completed", error: null, reason: null }, 100).state).toBe("up_to_date");
    expect(stateOf({ status: "cancelled", error: null, reason: null }, 60).state).toBe("not_synced");
    expect(stateOf(undefined, 0).state).toBe("not_synced");
  });
});
