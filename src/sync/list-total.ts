/**
 * How many rows a backfill of one list will read, estimated while it walks, for the coverage the
 * repository list shows (`sync_checkpoints.items_total`; issue 19: coverage sat at 50% through a
 * whole backfill because no total was ever recorded). Two estimates, the smaller wins:
 * - by pages: the pages left (`Link: rel="last"`) as full as the one just read;
 * - by time, when the walk stops at a depth: the rows read so far, scaled by how much of the span
 *   from the newest row down to the depth they cover (a newest-first list).
 */
export interface ListPosition {
  /** Rows read so far, this page included. */
  itemsDone: number;
  /** Rows on this page. */
  pageSize: number;
  /** This page's number and the last page's (from the Link header), when GitHub numbers them. */
  page?: number | undefined;
  last?: number | undefined;
  /** The depth the walk stops at (null: the whole history). */
  since: Date | null;
  /** The newest row of the list (the first page's) and the oldest read so far. */
  newest: Date | null;
  oldest: Date | null;
}

export function estimateItemsTotal(position: ListPosition): number | null {
  const { itemsDone, pageSize, page, last, since, newest, oldest } = position;
  const estimates: number[] = [];
  if (page !== undefined && last !== undefined && last >= page)
    estimates.push(itemsDone + (last - page) * pageSize);
  if (since && newest && oldest && oldest > since && newest > oldest) {
    const covered = (newest.getTime() - oldest.getTime()) / (newest.getTime() - since.getTime());
    estimates.push(Math.ceil(itemsDone / covered));
  }
  if (estimates.length === 0) return null;
  return Math.max(itemsDone, Math.min(...estimates));
}
