/**
 * Walks of the lists GitHub filters by `since` (issues, repository-wide comments) that cannot skip
 * a row when rows are deleted or transferred away during the walk (keyset.ts). A backfill reads
 * the newest page first, as every walk does (its ETag and newest row make the first incremental
 * poll free), then keyset pages from the requested depth up to that newest page — or, extending
 * to a deeper depth, up to the depth covered before. An incremental sync with more than a page of
 * changes reads them by keyset pages from its high-water mark.
 */
import { loadCheckpoint, saveCheckpoint, saveEtag, type Checkpoint } from "../store/checkpoints.js";
import type { Db } from "../store/database.js";
import type { RepositoryRef, SyncContext } from "./context.js";
import { ascendingUrl, isAscendingUrl, nextAscendingUrl } from "./keyset.js";
import { newestDate, oldestDate } from "./list-dates.js";
import { pageNumber } from "../github/link-header.js";
import type { ListCollector } from "./walk-list.js";
import { estimateItemsTotal } from "./list-total.js";
import { listAhead, takeFirstPage } from "./probed-pages.js";

export type KeysetCollector<T> = ListCollector<T> & { keysetPath(repo: RepositoryRef): string };

export function isKeysetCollector<T>(collector: ListCollector<T>): collector is KeysetCollector<T> {
  return collector.keysetPath !== undefined;
}

export async function keysetBackfill<T>(
  ctx: SyncContext,
  repo: RepositoryRef,
  collector: KeysetCollector<T>,
  checkpoint: Checkpoint | undefined,
  since: Date | null,
): Promise<void> {
  let state = checkpoint;
  if (!state || (!state.backfillComplete && state.itemsDone === 0)) {
    state = await newestPage(ctx, repo, collector, since);
    // The keyset walk counts its own pages from here (probe-lists.ts).
    ctx.progress.reserve(listAhead(repo, collector.entity), 0);
    if (state.backfillComplete) return;
  }
  // Extending a complete backfill stops at the depth it covered; a first one at its newest page.
  const stopAt = state.backfillComplete ? state.backfillSince : state.highWaterMark;
  const start = isAscendingUrl(state.cursor) ? state.cursor : ascendingUrl(collector.keysetPath(repo), since);
  let itemsDone = state.itemsDone;
  await walkAscending(ctx, repo, collector, start, stopAt, async (tx, items, next) => {
    itemsDone += items.length;
    await saveCheckpoint(tx, repo.id, collector.entity, {
      cursor: next,
      itemsDone,
      ...(next === null ? { backfillComplete: true, backfillSince: since } : {}),
    });
  });
}

/**
 * The rows updated from `from` until the rows at `until` (the newest page's oldest), when an
 * incremental poll finds more than a page of changes. Each page is committed on its own: the
 * high-water mark moves only once the caller has them all.
 */
export async function keysetCatchUp<T>(
  ctx: SyncContext,
  repo: RepositoryRef,
  collector: KeysetCollector<T>,
  from: Date | null,
  until: Date | null,
): Promise<void> {
  const start = ascendingUrl(collector.keysetPath(repo), from);
  await walkAscending(ctx, repo, collector, start, until, async () => undefined);
}

/** Keyset pages from `url` until a page reaches `stopAt` or the list ends; `commit` runs in each page's transaction. */
async function walkAscending<T>(
  ctx: SyncContext,
  repo: RepositoryRef,
  collector: ListCollector<T>,
  url: string,
  stopAt: Date | null,
  commit: (tx: Db, items: T[], next: string | null) => Promise<void>,
): Promise<void> {
  const task = ctx.progress.task(`${repo.fullName} ${collector.entity}`);
  for (let first = true; ; first = false) {
    const page = await ctx.client.get<T[]>(url);
    const items = page.data ?? [];
    const last = pageNumber(page.last);
    if (first && last !== undefined) task.expect(last);
    const newest = newestDate(collector.dateOf, items);
    const done = page.next === undefined || newest === null || (stopAt !== null && newest >= stopAt);
    const next = done ? null : nextAscendingUrl(url, newest);
    await ctx.db.transaction(async (tx) => {
      await collector.writePage(tx, repo, items);
      await commit(tx, items, next);
    });
    task.advance(1);
    if (next === null) break;
    url = next;
  }
  task.finish();
}

/** The newest-first first page, with the checkpoint it leaves: complete when it holds the depth asked. */
async function newestPage<T>(
  ctx: SyncContext,
  repo: RepositoryRef,
  collector: KeysetCollector<T>,
  since: Date | null,
): Promise<Checkpoint> {
  const url = collector.firstPageUrl(repo);
  const page = await takeFirstPage<T[]>(ctx, url);
  const items = page.data ?? [];
  const oldest = oldestDate(collector.dateOf, items);
  const complete = page.next === undefined || (since !== null && oldest !== null && oldest < since);
  // The keyset pages that follow read upwards from the depth: this page's estimate stands for them.
  const itemsTotal = complete
    ? items.length
    : estimateItemsTotal({
        itemsDone: items.length,
        pageSize: items.length,
        page: 1,
        last: pageNumber(page.last),
        since,
        newest: newestDate(collector.dateOf, items),
        oldest,
      });
  await ctx.db.transaction(async (tx) => {
    await collector.writePage(tx, repo, items);
    await saveCheckpoint(tx, repo.id, collector.entity, {
      cursor: complete ? null : ascendingUrl(collector.keysetPath(repo), since),
      itemsDone: items.length,
      ...(itemsTotal === null ? {} : { itemsTotal }),
      highWaterMark: newestDate(collector.dateOf, items),
      ...(complete ? { backfillComplete: true, backfillSince: since } : {}),
    });
    await saveEtag(tx, url, page.etag);
  });
  const saved = await loadCheckpoint(ctx.db, repo.id, collector.entity);
  if (!saved) throw new Error(`the ${collector.entity} checkpoint of ${repo.fullName} was not saved`);
  return saved;
}
