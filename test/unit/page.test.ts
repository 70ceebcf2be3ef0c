import { describe, expect, it } from "vitest";
import { idPageQuery, pageOf } from "../../src/contract/page.js";

const rows = [{ id: 9 }, { id: 7 }, { id: 4 }];
const page = (read: { id: number }[], limit: number) =>
  pageOf(
    read,
    limit,
    (row) => row.id,
    (row) => row.id,
  );

describe("pageOf", () => {
  it("says there is a next page only when the store found a row beyond the limit", () => {
    expect(page(rows, 2)).toEqual({ items: [9, 7], next_cursor: "7" });
    // Exactly `limit` rows (no extra one read): the last page, not a link to an empty one.
    expect(page(rows, 3)).toEqual({ items: [9, 7, 4], next_cursor: null });
    expect(page([], 3)).toEqual({ items: [], next_cursor: null });
  });
});

describe("idPageQuery", () => {
  it("takes back a cursor it gave and refuses anything else", () => {
    expect(idPageQuery().parse({ cursor: "7", limit: "2" })).toEqual({ cursor: 7, limit: 2 });
    expect(idPageQuery().safeParse({ cursor: "7; drop table" }).success).toBe(false);
    expect(idPageQuery().safeParse({ limit: "501" }).success).toBe(false);
    expect(idPageQuery(200).safeParse({ limit: "201" }).success).toBe(false);
  });
});
