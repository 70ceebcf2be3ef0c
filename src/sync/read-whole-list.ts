/**
 * Reading a short list whole, conditionally: with the ETag stored for its URL, a 304 (0 points)
 * says it is unchanged. Only a page shorter than per_page shows the whole list (an addition or a
 * removal anywhere would change it), so only then is its ETag kept; a longer list is read whole
 * every time. For lists that have no order to walk to a high-water mark by (a PR's commits and
 * timeline, a team's members) and that are usually one page.
 */
import { loadEtag } from "../store/checkpoints.js";
import type { SyncContext } from "./context.js";

/** A list read in full, or `unchanged` after a 304; `etag` only for a one-page list. */
export type ListRead<T> =
  { unchanged: true; url: string } | { unchanged: false; url: string; items: T[]; etag?: string };

export const PER_PAGE = 100;

/**
 * `url` asks for per_page=100. The caller saves `etag` (saveEtag) with the rows it wrote. `fresh`:
 * without the stored ETag (`--refetch`).
 */
export async function readWholeList<T>(
  ctx: SyncContext,
  url: string,
  options: { fresh?: boolean | undefined } = {},
): Promise<ListRead<T> & { requests: number }> {
  const etag = options.fresh ? undefined : await loadEtag(ctx.db, url);
  let page = await ctx.client.get<T[]>(url, etag);
  if (page.status === 304) return { unchanged: true, url, requests: 1 };
  const items = [...(page.data ?? [])];
  const whole = page.next === undefined && items.length < PER_PAGE ? page.etag : undefined;
  let requests = 1;
  while (page.next) {
    page = await ctx.client.get<T[]>(page.next);
    items.push(...(page.data ?? []));
    requests++;
  }
  return { unchanged: false, url, items, ...(whole ? { etag: whole } : {}), requests };
}
