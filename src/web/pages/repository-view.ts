/**
 * What the repository table shows (pure): a search by name, one filter, a sort column and
 * direction, read from and written to the page's query string (`?q=web&show=private&sort=commits&dir=desc`)
 * so a view can be shared and survives a reload. Defaults are left out of the URL.
 */
import type { Repository } from "../../contract/repositories.js";

export const FILTERS = {
  all: "All",
  public: "Public",
  private: "Private",
  archived: "Archived",
  fork: "Forks",
  stale: "Not synced in 24 hours",
  failed: "Failing",
} as const;
export type Filter = keyof typeof FILTERS;

export const SORTS = {
  name: "Repository",
  state: "State",
  updated: "Last updated",
  commits: "Commits",
  pull_requests: "Pull requests",
  issues: "Issues",
} as const;
export type Sort = keyof typeof SORTS;

export interface RepositoryView {
  search: string;
  filter: Filter;
  sort: Sort;
  descending: boolean;
}

export const DEFAULT_VIEW: RepositoryView = { search: "", filter: "all", sort: "name", descending: false };

const STALE_MS = 24 * 3_600_000;

const isKey = <T extends object>(record: T, key: string | null): key is Extract<keyof T, string> =>
  key !== null && Object.hasOwn(record, key);

export function parseView(search: string): RepositoryView {
  const params = new URLSearchParams(search);
  const filter = params.get("show");
  const sort = params.get("sort");
  return {
    search: params.get("q") ?? "",
    filter: isKey(FILTERS, filter) ? filter : DEFAULT_VIEW.filter,
    sort: isKey(SORTS, sort) ? sort : DEFAULT_VIEW.sort,
    descending: params.get("dir") === "desc",
  };
}

/** The query string of a view ("" for the default one), other parameters of `current` kept. */
export function viewSearch(view: RepositoryView, current = ""): string {
  const params = new URLSearchParams(current);
  const set = (key: string, value: string, fallback: string) =>
    value === fallback ? params.delete(key) : params.set(key, value);
  set("q", view.search.trim(), "");
  set("show", view.filter, DEFAULT_VIEW.filter);
  set("sort", view.sort, DEFAULT_VIEW.sort);
  set("dir", view.descending ? "desc" : "asc", "asc");
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

function matches(repo: Repository, filter: Filter, now: number): boolean {
  switch (filter) {
    case "all":
      return true;
    case "public":
      return !repo.private;
    case "stale":
      return repo.last_synced_at === null || now - Date.parse(repo.last_synced_at) > STALE_MS;
    case "failed":
      return repo.state === "failed";
    default:
      return repo[filter];
  }
}

const STATE_ORDER: Record<Repository["state"], number> = {
  failed: 0,
  waiting: 1,
  syncing: 2,
  queued: 3,
  not_synced: 4,
  up_to_date: 5,
};

function sortKey(repo: Repository, sort: Sort): number | string {
  switch (sort) {
    case "name":
      return repo.full_name.toLowerCase();
    case "state":
      return STATE_ORDER[repo.state];
    case "updated":
      return repo.last_updated_at === null ? -Infinity : Date.parse(repo.last_updated_at);
    default:
      return repo.counts[sort];
  }
}

/** The rows a view shows, in its order (ties by name, so the order is stable). */
export function applyView(repos: readonly Repository[], view: RepositoryView, now: number): Repository[] {
  const words = view.search.trim().toLowerCase();
  const byName = (a: Repository, b: Repository) => a.full_name.localeCompare(b.full_name);
  const compare = (a: Repository, b: Repository) => {
    const [x, y] = [sortKey(a, view.sort), sortKey(b, view.sort)];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return (view.descending ? -order : order) || byName(a, b);
  };
  return repos
    .filter((repo) => repo.full_name.toLowerCase().includes(words) && matches(repo, view.filter, now))
    .sort(compare);
}
