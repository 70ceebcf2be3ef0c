/**
 * Walks one newest-first GitHub list for one (repository, entity), resumably:
 * - backfill: from the stable first-page URL (or the stored cursor) down to the requested depth,
 *   each page's rows and the next-page cursor committed in one transaction, so a crash re-fetches
 *   at most one page;
 * - incremental: a conditional poll of the first page (304 → nothing changed, 0 points), then
 *   pages until the collector says the rest is known (DESIGN.md, "Incremental sync…").
 * The first page's ETag is stored with the backfill's first page: a 304 later means nothing changed
 * since the walk began, and the walk covers everything older. Lists GitHub filters by `since` go
 * beyond their newest page by keyset pages instead of page numbers (walk-keyset.ts).
 */
import { sql } from "drizzle-orm";
import { loadCheckpoint, loadEtag, saveCheckpoint, saveEtag, type Checkpoint } from "../store/checkpoints.js";
import type { Db } from "../store/database.js";
import { queryRows } from "../store/raw-query.js";
import type { GitHubPage } from "../github/client.js";
import { pageNumber } from "../github/link-header.js";
import type { RepositoryRef, SyncContext } from "./context.js";
import { deeper, newestDate, oldestDate, overlapped } from "./list-dates.js";
import { isGraphqlCursor } from "./list-cursor.js";
import { estimateItemsTotal } from "./list-total.js";
import { listAhead, takeFirstPage } from "./probed-pages.js";
import { isKeysetCollector, keysetBackfill, keysetCatchUp } from "./walk-keyset.js";

export interface ListCollector<T> {
  entity: string;
  /** The stable first-page URL, newest first, per_page=100. */
  firstPageUrl(repo: RepositoryRef): string;
  /**
   * Lists GitHub answers as an object (`{total_count, workflow_runs}`): the items of a page's body.
   * Default: the body is the array.
   */
  itemsOf?(body: unknown): T[];
  /** How far below the high-water mark an incremental walk re-reads (default: the context's overlap). */
  overlapMs?: number;
  /** The order key of the list (updated_at, or the commit date). */
  dateOf(item: T): Date | null;
  /**
   * Lists GitHub filters by `since` and sorts by `updated`: their path, to walk them by keyset
   * pages rather than page numbers wherever a walk goes beyond the newest page (walk-keyset.ts).
   */
  keysetPath?(repo: RepositoryRef): string;
  /**
   * Lists GitHub filters by their order key but not by `since` (workflow runs, by `created`): the
   * first page of the rows dated `atOrBefore` or earlier. Such a list's next page is asked for so
   * instead of by number, so that rows deleted above the walk cannot shift one past it.
   */
  pageFrom?(repo: RepositoryRef, atOrBefore: Date): string;
  /**
   * Backfill: the list's estimated size (list-total.ts), for work that follows it per row (the
   * reviews and details of pull requests) to be reserved in the progress before it begins.
   */
  onEstimate?(repo: RepositoryRef, itemsTotal: number): void;
  /** Writes a page's rows in the caller's transaction; returns the rows written. */
  writePage(tx: Db, repo: RepositoryRef, items: T[]): Promise<number>;
  /** Incremental: whether this page reaches what the mirror already has (default: older than the mark). */
  reachesKnown?(
    db: Db,
    repo: RepositoryRef,
    items: T[],
    highWaterMark: Date | null,
    overlapMs: number,
  ): Promise<boolean>;
  /**
   * Incremental, after the last page and outside any transaction: the requests a reconciliation
   * needs (what a force-push dropped), for `finishIncremental` to apply.
   */
  beforeFinish?(db: Db, repo: RepositoryRef, seen: T[], startedAt: Date): Promise<void>;
  /**
   * Incremental, in the last page's transaction: reconcile what the walk saw (force-push
   * detection). `startedAt` is the database's clock before the first page was asked for: rows
   * written after it (by a webhook, while the walk ran) are newer than what the walk could see.
   */
  finishIncremental?(tx: Db, repo: RepositoryRef, seen: T[], startedAt: Date): Promise<void>;
}

/** `since` null: full history. */
export async function walkList<T>(
  ctx: SyncContext,
  repo: RepositoryRef,
  collector: ListCollector<T>,
  since: Date | null,
): Promise<void> {
  const checkpoint = await loadCheckpoint(ctx.db, repo.id, collector.entity);
  if (!checkpoint?.backfillComplete) {
    await backfill(ctx, repo, collector, checkpoint, since);
    return;
  }
  if (deeper(since, checkpoint.backfillSince)) {
    // A deeper depth than before extends the backfill from where it stopped.
    await backfill(ctx, repo, collector, checkpoint, since);
  }
  await incremental(ctx, repo, collector, checkpoint.highWaterMark);
}

/** A page's items, whatever shape the list's body has (an array, or an object holding one). */
export function itemsOf<T>(collector: ListCollector<T>, body: unknown): T[] {
  if (body === undefined || body === null) return [];
  return collector.itemsOf ? collector.itemsOf(body) : (body as T[]);
}

function newest<T>(collector: ListCollector<T>, items: T[]): Date | null {
  return newestDate(collector.dateOf, items);
}

function oldest<T>(collector: ListCollector<T>, items: T[]): Date | null {
  return oldestDate(collector.dateOf, items);
}

/**
 * The page after `page`: by its date where the collector can ask so (`pageFrom`), from the
 * oldest row's second, which is read again (a page all of one second goes on by number, so the
 * walk always moves); else GitHub's next link.
 */
function pageAfter<T>(
  collector: ListCollector<T>,
  repo: RepositoryRef,
  page: GitHubPage<unknown>,
  items: T[],
): string | undefined {
  if (page.next === undefined || !collector.pageFrom) return page.next;
  const from = oldest(collector, items);
  const to = newest(collector, items);
  if (from === null || to === null || from.getTime() === to.getTime()) return page.next;
  return collector.pageFrom(repo, from);
}

async function backfill<T>(
  ctx: SyncContext,
  repo: RepositoryRef,
  collector: ListCollector<T>,
  checkpoint: Checkpoint | undefined,
  since: Date | null,
): Promise<void> {
  if (isKeysetCollector(collector)) return keysetBackfill(ctx, repo, collector, checkpoint, since);
  // A backfill GraphQL began (the pull request list, --api graphql) starts over here.
  const foreign = isGraphqlCursor(checkpoint?.cursor);
  const cursor = foreign ? null : (checkpoint?.cursor ?? null);
  if (checkpoint && !foreign && cursor === null && checkpoint.itemsDone > 0) {
    // The list ended last time: nothing older exists, only the recorded depth changes.
    await saveCheckpoint(ctx.db, repo.id, collector.entity, { backfillComplete: true, backfillSince: since });
    return;
  }
  let url = cursor ?? collector.firstPageUrl(repo);
  let first = cursor === null;
  let itemsDone = foreign ? 0 : (checkpoint?.itemsDone ?? 0);
  let newestRow = first ? null : (checkpoint?.highWaterMark ?? null);
  const task = ctx.progress.task(`${repo.fullName} ${collector.entity}`);
  const pages = new PageFetcher(ctx);
  for (;;) {
    const page = await pages.take(url);
    const items = itemsOf(collector, page.data);
    const last = pageNumber(page.last);
    task.expect(last === undefined ? 1 : last - (pageNumber(page.url) ?? 1) + 1);
    // The walk counts its own pages now: the probe's reservation gives way (probe-lists.ts).
    ctx.progress.reserve(listAhead(repo, collector.entity), 0);
    const lastDate = items.length > 0 ? oldest(collector, items) : null;
    const next = pageAfter(collector, repo, page, items);
    const done = next === undefined || (since !== null && lastDate !== null && lastDate < since);
    // Fetch ahead while this page is written: a whole window when all history is wanted (pages by
    // number only: one asked for by date follows from this page), otherwise only the next page,
    // which this page proves is needed.
    const window = since === null && !collector.pageFrom ? PREFETCH_WINDOW : 1;
    if (!done && next) pages.prefetch(next, window, last);
    itemsDone += items.length;
    if (first) newestRow = newest(collector, items);
    const itemsTotal = done
      ? itemsDone
      : estimateItemsTotal({
          itemsDone,
          pageSize: items.length,
          page: pageNumber(page.url),
          last,
          since,
          newest: newestRow,
          oldest: lastDate,
        });
    if (itemsTotal !== null) collector.onEstimate?.(repo, itemsTotal);
    await ctx.db.transaction(async (tx) => {
      await collector.writePage(tx, repo, items);
      await saveCheckpoint(tx, repo.id, collector.entity, {
        cursor: next ?? null,
        itemsDone,
        ...(itemsTotal === null ? {} : { itemsTotal }),
        ...(first ? { highWaterMark: newest(collector, items) } : {}),
        ...(done ? { backfillComplete: true, backfillSince: since } : {}),
      });
      if (first) await saveEtag(tx, url, page.etag);
    });
    task.advance(1);
    first = false;
    if (done) break;
    url = next as string;
  }
  task.finish();
}

async function incremental<T>(
  ctx: SyncContext,
  repo: RepositoryRef,
  collector: ListCollector<T>,
  highWaterMark: Date | null,
): Promise<void> {
  const pollUrl = collector.firstPageUrl(repo);
  const task = ctx.progress.task(`${repo.fullName} ${collector.entity}`);
  task.expect(1);
  const startedAt = await databaseNow(ctx.db);
  const etag = await loadEtag(ctx.db, pollUrl);
  let page = await ctx.client.get<unknown>(pollUrl, etag);
  task.advance(1);
  if (page.status === 304) {
    task.finish();
    return;
  }
  const mark = newest(collector, itemsOf(collector, page.data)) ?? highWaterMark;
  const overlapMs = collector.overlapMs ?? ctx.overlapMs;
  const firstEtag = page.etag;
  const seen: T[] = [];
  // A list whose walk stops at the first row already mirrored (commits) is written whole, in the
  // last transaction: written page by page, a walk cut short (crash, error) would leave newer rows
  // mirrored above a gap, and the next walk would stop at them and never fill it. Lists that stop
  // at the high-water mark (saved only at the end) are safe to write page by page.
  const writeWhole = collector.reachesKnown !== undefined;
  for (;;) {
    const items = itemsOf(collector, page.data);
    seen.push(...items);
    const known = collector.reachesKnown
      ? await collector.reachesKnown(ctx.db, repo, items, highWaterMark, overlapMs)
      : reachesMark(collector, items, highWaterMark, overlapMs);
    // More than a page of changes in a list that can be walked by keyset: its older pages so, since
    // a row removed from the newest page while they are read would shift them.
    const keyset = page.next !== undefined && !known && isKeysetCollector(collector) ? collector : null;
    if (keyset)
      await keysetCatchUp(ctx, repo, keyset, overlapped(highWaterMark, overlapMs), oldest(collector, items));
    const next = pageAfter(collector, repo, page, items);
    const done = next === undefined || known || keyset !== null;
    if (done) await collector.beforeFinish?.(ctx.db, repo, seen, startedAt);
    if (!writeWhole || done) {
      await ctx.db.transaction(async (tx) => {
        await collector.writePage(tx, repo, writeWhole ? seen : items);
        if (!done) return;
        await collector.finishIncremental?.(tx, repo, seen, startedAt);
        await saveCheckpoint(tx, repo.id, collector.entity, { highWaterMark: mark });
        await saveEtag(tx, pollUrl, firstEtag);
      });
    }
    if (done) break;
    task.expect(1);
    page = await ctx.client.get<unknown>(next as string);
    task.advance(1);
  }
  task.finish();
}

/** Pages fetched ahead of a backfill walk; they are committed strictly in order. */
const PREFETCH_WINDOW = 8;

class PageFetcher {
  private readonly pending = new Map<string, Promise<GitHubPage<unknown>>>();

  constructor(private readonly ctx: SyncContext) {}

  take(url: string): Promise<GitHubPage<unknown>> {
    const page = this.pending.get(url) ?? takeFirstPage<unknown>(this.ctx, url);
    this.pending.delete(url);
    return page;
  }

  /** Starts fetching `next` and the pages after it (GitHub's lists are numbered), up to `last`. */
  prefetch(next: string, window: number, last: number | undefined): void {
    const start = pageNumber(next) ?? 1;
    for (let offset = 0; offset < window; offset++) {
      const number = start + offset;
      if (offset > 0 && (last === undefined || number > last)) break;
      const url = offset === 0 ? next : withPage(next, number);
      if (this.pending.has(url)) continue;
      const page = this.ctx.client.get<unknown>(url);
      // Awaited later by take(); a failure is rethrown there, not reported as unhandled now.
      page.catch(() => undefined);
      this.pending.set(url, page);
    }
  }
}

/** The database's clock (the one `synced_at` columns are written with), not this process's. */
async function databaseNow(db: Db): Promise<Date> {
  const [row] = await queryRows<{ now: Date | string }>(db, sql`select now() as now`);
  return new Date(row?.now ?? Date.now());
}

function withPage(url: string, page: number): string {
  return url.replace(/([?&]page=)\d+/, `$1${page}`);
}

function reachesMark<T>(
  collector: ListCollector<T>,
  items: T[],
  mark: Date | null,
  overlapMs: number,
): boolean {
  if (mark === null) return false;
  const lastDate = oldest(collector, items);
  return lastDate !== null && lastDate.getTime() < mark.getTime() - overlapMs;
}
