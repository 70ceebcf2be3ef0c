/** The newest and oldest order keys (updated_at, or a commit's date) of a page of a list, and the marks walks compare them with. */

export function newestDate<T>(dateOf: (item: T) => Date | null, items: T[]): Date | null {
  let max: Date | null = null;
  for (const item of items) {
    const date = dateOf(item);
    if (date && (!max || date > max)) max = date;
  }
  return max;
}

export function oldestDate<T>(dateOf: (item: T) => Date | null, items: T[]): Date | null {
  let min: Date | null = null;
  for (const item of items) {
    const date = dateOf(item);
    if (date && (!min || date < min)) min = date;
  }
  return min;
}

/** Whether a depth (`since`; null: all history) goes further back than the one a backfill reached. */
export function deeper(wanted: Date | null, had: Date | null): boolean {
  if (had === null) return false;
  return wanted === null || wanted < had;
}

/** The high-water mark moved back by the overlap an incremental walk re-reads (clock skew, same second). */
export function overlapped(mark: Date | null, overlapMs: number): Date | null {
  return mark === null ? null : new Date(mark.getTime() - overlapMs);
}
