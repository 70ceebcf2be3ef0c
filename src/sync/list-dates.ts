/** The newest and oldest order keys (updated_at, or a commit's date) of a page of a list. */

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
