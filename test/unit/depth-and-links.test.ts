import { describe, expect, it } from "vitest";
import { parseLinkHeader, pageNumber } from "../../src/github/link-header.js";
import { parseDepth } from "../../src/sync/depth.js";

describe("depth", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  it("defaults to 30 days", () => {
    expect(parseDepth(undefined, now)).toEqual({ since: new Date("2026-10-24T12:00:00Z"), label: "30d" });
  });
  it("understands full and ISO dates", () => {
    expect(parseDepth("full", now).since).toBeNull();
    expect(parseDepth("2026-01-31", now).since).toEqual(new Date("2026-01-31T00:00:00Z"));
  });
  it("rejects what it does not understand, saying what works", () => {
    expect(() => parseDepth("yesterday", now)).toThrow(
      /use a number of days like 30d, full, or a past ISO date/,
    );
    expect(() => parseDepth("2099-01-01", now)).toThrow(/not understood/);
  });
});

describe("Link header", () => {
  it("parses GitHub's format", () => {
    const links = parseLinkHeader(
      '<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last"',
    );
    expect(links.next).toBe("https://api.github.com/repositories/1/issues?page=2");
    expect(pageNumber(links.last)).toBe(5);
    expect(parseLinkHeader(undefined)).toEqual({});
  });
});
