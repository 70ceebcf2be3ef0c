import { describe, expect, it } from "vitest";
import { ascendingUrl, isAscendingUrl, nextAscendingUrl } from "../../src/sync/keyset.js";

const at = (iso: string) => new Date(iso);

describe("keyset pages", () => {
  it("start oldest update first, from the depth asked or the whole list", () => {
    expect(ascendingUrl("/repos/acme/web/issues?state=all", at("2026-11-01T10:00:00.250Z"))).toBe(
      "/repos/acme/web/issues?state=all&sort=updated&direction=asc&per_page=100&since=2026-11-01T10%3A00%3A00Z",
    );
    expect(ascendingUrl("/repos/acme/web/issues/comments", null)).toBe(
      "/repos/acme/web/issues/comments?sort=updated&direction=asc&per_page=100",
    );
  });

  it("go on from the newest update of the page before", () => {
    const first = ascendingUrl("/repos/acme/web/issues/comments", null);
    const second = nextAscendingUrl(first, at("2026-11-01T10:00:00Z"));
    expect(new URL(second, "http://x").searchParams.get("since")).toBe("2026-11-01T10:00:00Z");
    const third = nextAscendingUrl(second, at("2026-11-02T08:30:00Z"));
    expect(new URL(third, "http://x").searchParams.get("since")).toBe("2026-11-02T08:30:00Z");
    expect(new URL(third, "http://x").searchParams.get("page")).toBeNull();
  });

  it("page on within one second when a whole page shares the second it starts from", () => {
    const start = ascendingUrl("/repos/acme/web/issues", at("2026-11-01T10:00:00Z"));
    const second = nextAscendingUrl(start, at("2026-11-01T10:00:00.900Z"));
    expect(new URL(second, "http://x").searchParams.get("page")).toBe("2");
    const third = nextAscendingUrl(second, at("2026-11-01T10:00:00Z"));
    expect(new URL(third, "http://x").searchParams.get("page")).toBe("3");
    const out = nextAscendingUrl(third, at("2026-11-01T10:00:01Z"));
    expect(new URL(out, "http://x").searchParams.get("page")).toBeNull();
    expect(new URL(out, "http://x").searchParams.get("since")).toBe("2026-11-01T10:00:01Z");
  });

  it("keep an absolute URL absolute", () => {
    const next = nextAscendingUrl(
      "https://ghe.example/api/v3/repos/a/b/issues?sort=updated&direction=asc&per_page=100",
      at("2026-11-01T10:00:00Z"),
    );
    expect(next.startsWith("https://ghe.example/api/v3/repos/a/b/issues?")).toBe(true);
  });

  it("tell keyset cursors from the numbered pages earlier versions stored", () => {
    expect(isAscendingUrl(ascendingUrl("/repos/a/b/issues", null))).toBe(true);
    expect(isAscendingUrl("/repositories/1/issues?sort=updated&direction=desc&per_page=100&page=3")).toBe(
      false,
    );
    expect(isAscendingUrl(null)).toBe(false);
  });
});
