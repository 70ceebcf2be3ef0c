/** Runs `work` over `items` with at most `concurrency` at once (per-PR collectors). */
export async function eachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, remaining: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item, items.length - next);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
