/** The repository table's search, filter and sort, and their round trip through the URL. */
import { describe, expect, it } from "vitest";
import type { Repository } from "../../src/contract/repositories.js";
import { DEFAULT_VIEW, applyView, parseView, viewSearch } from "../../src/web/pages/repository-view.js";
import { zeroCounts } from "../../src/store/counted-rows.js";

const NOW = Date.parse("2026-12-06T12:00:00Z");
const HOUR = 3_600_000;

function repo(full_name: string, patch: Partial<Repository> = {}): Repository {
  return {
    id: 1,
    full_name,
    private: false,
    archived: false,
    fork: false,
    depth: "30d",
    state: "up_to_date",
    reason: null,
    resume_at: null,
    job_id: null,
    last_synced_at: new Date(NOW - HOUR).toISOString(),
    last_updated_at: new Date(NOW - HOUR).toISOString(),
    coverage: 100,
    counts: zeroCounts(),
    last_verification: null,
    ...patch,
  };
}

const REPOS = [
  repo("acme/web", { counts: { ...zeroCounts(), commits: 30 } }),
  repo("acme/api", { private: true, counts: { ...zeroCounts(), commits: 50 }, state: "failed" }),
  repo("acme/old", {
    archived: true,
    last_synced_at: new Date(NOW - 48 * HOUR).toISOString(),
    last_updated_at: new Date(NOW - 48 * HOUR).toISOString(),
  }),
  repo("Acme/Web-Docs", {
    fork: true,
    last_synced_at: null,
    last_updated_at: null,
    counts: { ...zeroCounts(), commits: 30 },
  }),
];
const names = (view: Partial<typeof DEFAULT_VIEW>) =>
  applyView(REPOS, { ...DEFAULT_VIEW, ...view }, NOW).map((entry) => entry.full_name);

describe("the repository table's view", () => {
  it("searches names case-insensitively and sorts by name by default", () => {
    expect(names({})).toEqual(["acme/api", "acme/old", "acme/web", "Acme/Web-Docs"]);
    expect(names({ search: " WEB " })).toEqual(["acme/web", "Acme/Web-Docs"]);
  });

  it("filters by visibility, archived, fork, staleness and failure", () => {
    expect(names({ filter: "private" })).toEqual(["acme/api"]);
    expect(names({ filter: "public" })).toEqual(["acme/old", "acme/web", "Acme/Web-Docs"]);
    expect(names({ filter: "archived" })).toEqual(["acme/old"]);
    expect(names({ filter: "fork" })).toEqual(["Acme/Web-Docs"]);
    expect(names({ filter: "stale" })).toEqual(["acme/old", "Acme/Web-Docs"]);
    expect(names({ filter: "failed" })).toEqual(["acme/api"]);
  });

  it("sorts by a count or by last sync either way, ties by name", () => {
    expect(names({ sort: "commits", descending: true })).toEqual([
      "acme/api",
      "acme/web",
      "Acme/Web-Docs",
      "acme/old",
    ]);
    expect(names({ sort: "updated" })).toEqual(["Acme/Web-Docs", "acme/old", "acme/api", "acme/web"]);
    expect(names({ sort: "state" })[0]).toBe("acme/api");
  });

  it("round-trips through the query string, leaving defaults and other parameters alone", () => {
    const view = { search: "web", filter: "private", sort: "commits", descending: true } as const;
    const search = viewSearch(view, "?tab=1");
    expect(search).toBe("?tab=1&q=web&show=private&sort=commits&dir=desc");
    expect(parseView(search)).toEqual(view);
    expect(viewSearch(DEFAULT_VIEW)).toBe("");
    expect(parseView("?show=nonsense&sort=__proto__")).toEqual(DEFAULT_VIEW);
  });
});
