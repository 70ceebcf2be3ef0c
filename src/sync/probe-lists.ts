/**
 * A repository's first backfill asks for the first page of each of its lists at once, before it
 * walks them one by one, so the run's progress knows the work ahead up front (issue 19: the percent
 * fell 70% → 7% as each list found its pages; estimated only as each list began, it raced ahead
 * on the first lists and crawled on the rest). Each list's size comes from its first page
 * (`Link: rel="last"`, or the span of dates it covers against the depth: list-total.ts) and is
 * reserved in the progress until its walk counts its own pages. The walks take these pages instead
 * of asking again: the probe costs no request.
 */
import { pageNumber } from "../github/link-header.js";
import { loadCheckpoint } from "../store/checkpoints.js";
import type { RepositoryRef, SyncContext } from "./context.js";
import { newestDate, oldestDate } from "./list-dates.js";
import { estimateItemsTotal } from "./list-total.js";
import { itemsOf, type ListCollector } from "./walk-list.js";
import { listAhead } from "./probed-pages.js";

export async function probeLists(
  ctx: SyncContext,
  repo: RepositoryRef,
  since: Date | null,
  collectors: readonly ListCollector<unknown>[],
): Promise<void> {
  await Promise.all(
    collectors.map(async (collector) => {
      const checkpoint = await loadCheckpoint(ctx.db, repo.id, collector.entity);
      // Incremental walks and resumed backfills start elsewhere than the first page.
      if (checkpoint?.backfillComplete || checkpoint?.cursor || (checkpoint?.itemsDone ?? 0) > 0) return;
      const url = collector.firstPageUrl(repo);
      const pending = ctx.client.get<unknown>(url);
      ctx.firstPages.set(url, pending);
      // A failure is the walk's to report when it takes the page, as if it had asked itself.
      const page = await pending.catch(() => undefined);
      if (!page) return;
      const items = itemsOf(collector, page.data);
      const itemsTotal =
        page.next === undefined
          ? items.length
          : estimateItemsTotal({
              itemsDone: items.length,
              pageSize: items.length,
              page: 1,
              last: pageNumber(page.last),
              since,
              newest: newestDate(collector.dateOf, items),
              oldest: oldestDate(collector.dateOf, items),
            });
      if (itemsTotal === null) return;
      ctx.progress.reserve(
        listAhead(repo, collector.entity),
        Math.max(1, Math.ceil(itemsTotal / Math.max(1, items.length))),
      );
      collector.onEstimate?.(repo, itemsTotal);
    }),
  );
}
