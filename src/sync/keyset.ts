/**
 * Keyset pages for the lists GitHub filters by `since` (issues, repository-wide comments): oldest
 * update first, each page asked from the newest `updated_at` of the page before (`since` keeps
 * rows updated at or after it). A row deleted or transferred away while the walk runs shifts
 * nothing: a page-numbered walk skips one live row for every row removed above its cursor, for
 * good, since an incremental sync only reads what is newer than its mark.
 */

/** The list's first keyset page: oldest update first, from `since` (null: the whole list). */
export function ascendingUrl(path: string, since: Date | null): string {
  const url = new URL(path, BASE);
  url.searchParams.set("sort", "updated");
  url.searchParams.set("direction", "asc");
  url.searchParams.set("per_page", "100");
  url.searchParams.delete("page");
  if (since === null) url.searchParams.delete("since");
  else url.searchParams.set("since", githubTimestamp(since));
  return relative(url);
}

/** Whether a stored cursor is a keyset page (earlier versions stored numbered newest-first pages). */
export function isAscendingUrl(url: string | null | undefined): url is string {
  return url != null && new URL(url, BASE).searchParams.get("direction") === "asc";
}

/**
 * The page after `url`, whose newest row was updated at `newest`: the list again from that time
 * (its rows at that second are read twice, which costs nothing but their bytes). When the whole
 * page was updated within the second the walk already starts from, the next page number of the
 * same `since` instead, which is the only way past 100 rows sharing one timestamp.
 */
export function nextAscendingUrl(url: string, newest: Date): string {
  const next = new URL(url, BASE);
  const since = next.searchParams.get("since");
  const from = since === null ? null : Date.parse(since);
  if (from !== null && Math.floor(newest.getTime() / 1000) * 1000 <= from) {
    next.searchParams.set("page", String(Number(next.searchParams.get("page") ?? "1") + 1));
  } else {
    next.searchParams.set("since", githubTimestamp(newest));
    next.searchParams.delete("page");
  }
  return relative(next);
}

const BASE = "http://github.invalid";

/** Keeps an absolute URL absolute and a path a path (the client resolves both). */
function relative(url: URL): string {
  return url.origin === BASE ? `${url.pathname}${url.search}` : url.href;
}

/** GitHub's ISO 8601 form, whole seconds: GitHub's timestamps have no fractions. */
function githubTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
