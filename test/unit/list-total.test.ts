/** The backfill size estimate behind repository coverage (issue 19: coverage sat at 50% all along). */
import { describe, expect, it } from "vitest";
import { estimateItemsTotal } from "../../src/sync/list-total.js";
import { coverageOf } from "../../src/store/repository-overview.js";

const day = 86_400_000;
const at = (days: number) => new Date(Date.UTC(2026, 11, 1) - days * day);

describe("estimating a list backfill's rows", () => {
  it("counts the pages left as full as this one when the whole history is asked", () => {
    expect(
      estimateItemsTotal({
        itemsDone: 200,
        pageSize: 100,
        page: 2,
        last: 7,
        since: null,
        newest: at(0),
        oldest: at(40),
      }),
    ).toBe(700);
  });

  it("scales the rows read by the share of the depth they cover, when that is smaller", () => {
    // 100 rows cover 10 of 30 days: about 300 to read, though the list holds 50 pages.
    expect(
      estimateItemsTotal({
        itemsDone: 100,
        pageSize: 100,
        page: 1,
        last: 50,
        since: at(30),
        newest: at(0),
        oldest: at(10),
      }),
    ).toBe(300);
  });

  it("never says less than what was read, and nothing without a clue", () => {
    expect(
      estimateItemsTotal({
        itemsDone: 500,
        pageSize: 100,
        page: 5,
        last: 3,
        since: null,
        newest: null,
        oldest: null,
      }),
    ).toBeNull();
    expect(
      estimateItemsTotal({
        itemsDone: 500,
        pageSize: 0,
        page: 5,
        last: 5,
        since: null,
        newest: null,
        oldest: null,
      }),
    ).toBe(500);
  });

  it("moves coverage through intermediate values as a backfill advances", () => {
    const coverage = [100, 300, 500, 700].map((done) =>
      coverageOf([
        { entity: "commits", backfillComplete: true, itemsDone: 40, itemsTotal: 40 },
        { entity: "pull_requests", backfillComplete: false, itemsDone: done, itemsTotal: 800 },
      ]),
    );
    expect(coverage).toEqual([28, 34, 40, 46]);
  });
});
