import { describe, expect, it } from "vitest";
import { toCsv } from "../../src/api/csv.js";
import { parseCsv } from "../helpers/parse-csv.js";

describe("CSV export", () => {
  it("quotes commas, quotes and line breaks so the fields read back unchanged", () => {
    const rows = [
      { a: 'say "hi", then\nleave', b: 3, c: null },
      { a: "plain", b: -2.5, c: true },
    ];
    const text = toCsv(["a", "b", "c"], rows);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(parseCsv(text)).toEqual([
      ["a", "b", "c"],
      ['say "hi", then\nleave', "3", ""],
      ["plain", "-2.5", "true"],
    ]);
  });

  it("turns a text cell a spreadsheet would run as a formula into text with an apostrophe", () => {
    const cells = ['=HYPERLINK("http://x")', "+1", "-cmd", "@SUM(A1)", "\tx", "safe = fine"];
    const text = toCsv(
      ["v"],
      cells.map((v) => ({ v })),
    );
    const read = parseCsv(text)
      .slice(1)
      .map(([v]) => v);
    expect(read).toEqual(['\'=HYPERLINK("http://x")', "'+1", "'-cmd", "'@SUM(A1)", "'\tx", "safe = fine"]);
  });

  it("writes lists joined by semicolons and numbers as numbers (a negative number is not a formula)", () => {
    expect(parseCsv(toCsv(["l", "n"], [{ l: ["bug", "p1"], n: -1 }]))[1]).toEqual(["bug;p1", "-1"]);
  });
});
