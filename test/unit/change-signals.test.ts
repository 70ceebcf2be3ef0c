/**
 * Reading change detection's signals (pure): which listed repositories differ from the mirror,
 * where the pushed-sorted list can stop, the search's query, and which budget a request spends.
 */
import { describe, expect, it } from "vitest";
import type { GitHubRepository } from "../../src/normalize/github-types.js";
import {
  changedRepositories,
  endsBefore,
  repositoryOf,
  searchUrl,
  settledPage,
  unsettledUntil,
  unsettledWindow,
} from "../../src/sync/changes/change-signals.js";
import { resourceOf } from "../../src/github/rate-resource.js";

const listed = (id: number, pushed: string, updated = pushed) =>
  ({ id, full_name: `acme/r${id}`, pushed_at: pushed, updated_at: updated }) as unknown as GitHubRepository;
const stored = (id: number, pushed: string | null, updated = pushed, deleted: string | null = null) => ({
  id,
  pushedAt: pushed ? new Date(pushed) : null,
  updatedAt: updated ? new Date(updated) : null,
  deletedAt: deleted ? new Date(deleted) : null,
});

describe("change signals", () => {
  it("a listed repository changed when the mirror lacks it, tombstoned it, or holds it older", () => {
    const t1 = "2026-12-01T10:00:00Z";
    const t2 = "2026-12-01T11:00:00Z";
    const repos = [
      listed(1, t1), // as stored
      listed(2, t2), // pushed since
      listed(3, t1, t2), // edited since (renamed, archived)
      listed(4, t1), // new
      listed(5, t1), // back after a tombstone
    ];
    const mirror = [stored(1, t1), stored(2, t1), stored(3, t1), stored(5, t1, t1, t2)];
    const settled = { from: new Date("2026-12-02T00:00:00Z"), until: new Date("2026-12-02T00:01:00Z") };
    expect(changedRepositories(repos, mirror, settled).map((repo) => Number(repo.id))).toEqual([2, 3, 4, 5]);
    // A mirror row newer than the listing (a webhook wrote it) is no change.
    expect(changedRepositories([listed(1, t1)], [stored(1, t2)], settled)).toEqual([]);
  });

  it("counts a push stamped while the last detection ran as changed: a second push may share its stamp", () => {
    // The last detection began reading at 10:00:00.4 on GitHub's clock and ran 2.5 s.
    const searchedTo = new Date("2026-12-01T10:00:00.400Z");
    const unsettled = unsettledWindow({ searchedTo, unsettledUntil: unsettledUntil(searchedTo, 2_500) });
    expect(unsettled.from.toISOString()).toBe("2026-12-01T09:59:59.000Z");
    expect(unsettled.until.toISOString()).toBe("2026-12-01T10:00:03.900Z");
    const same = (stamp: string) => changedRepositories([listed(1, stamp)], [stored(1, stamp)], unsettled);
    expect(same("2026-12-01T10:00:00Z")).toHaveLength(1);
    expect(same("2026-12-01T10:00:03Z")).toHaveLength(1);
    // Before the run, or after it (then a later sync read it): the stamps tell.
    expect(same("2026-12-01T09:59:58Z")).toEqual([]);
    expect(same("2026-12-01T10:00:04Z")).toEqual([]);
    // A page whose newest push is of the second it was read in is not kept as "unchanged".
    expect(settledPage([listed(1, "2026-12-01T10:00:00Z")], searchedTo)).toBe(false);
    expect(settledPage([listed(1, "2026-12-01T09:59:58Z")], searchedTo)).toBe(true);
    expect(settledPage([listed(1, "2026-12-01T09:59:58Z")], undefined)).toBe(false);
  });

  it("stops reading the pushed list at a page that ends before the last detection", () => {
    const since = new Date("2026-12-01T10:00:00Z");
    expect(endsBefore([listed(1, "2026-12-01T12:00:00Z"), listed(2, "2026-12-01T09:59:59Z")], since)).toBe(
      true,
    );
    expect(endsBefore([listed(1, "2026-12-01T12:00:00Z"), listed(2, "2026-12-01T10:00:00Z")], since)).toBe(
      false,
    );
    expect(endsBefore([], since)).toBe(true);
  });

  it("searches the organization's items updated since, oldest first, to the second", () => {
    const url = searchUrl("acme", new Date("2026-12-01T10:00:00.789Z"));
    const query = new URL(url, "https://api.github.test");
    expect(query.pathname).toBe("/search/issues");
    expect(query.searchParams.get("q")).toBe("org:acme updated:>=2026-12-01T10:00:00Z");
    expect(query.searchParams.get("sort")).toBe("updated");
    expect(query.searchParams.get("order")).toBe("asc");
    expect(query.searchParams.get("per_page")).toBe("100");
  });

  it("names a search item's repository", () => {
    expect(repositoryOf("https://api.github.com/repos/acme/web")).toBe("acme/web");
    expect(repositoryOf("https://ghe.example.com/api/v3/repos/acme/my.repo")).toBe("acme/my.repo");
    expect(() => repositoryOf("https://api.github.com/orgs/acme")).toThrow();
  });

  it("spends search's budget under /search/, GraphQL's at its URL, core elsewhere", () => {
    const graphql = "https://api.github.com/graphql";
    expect(resourceOf("/search/issues?q=org:acme", graphql)).toBe("search");
    expect(resourceOf("https://api.github.com/search/issues?q=x&page=2", graphql)).toBe("search");
    expect(resourceOf("https://ghe.example.com/api/v3/search/issues?q=x", graphql)).toBe("search");
    expect(resourceOf(graphql, graphql)).toBe("graphql");
    expect(resourceOf("/repos/acme/search/issues", graphql)).toBe("core");
    expect(resourceOf("/repos/acme/graphql", graphql)).toBe("core");
  });
});
