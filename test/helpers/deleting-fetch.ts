/**
 * A fetch through which GitHub deletes rows as a walk goes (FAULTS.md #21): after the n-th answer
 * of a list (matched by the end of its path: later pages come by id, /repositories/{id}/…, as
 * GitHub's Link headers give them), `remove` runs — between two pages, as a person deleting while
 * a backfill runs. `remove` returns how many rows it deleted.
 */
export interface DeletionStep {
  after: number;
  remove: () => number;
}

export function deletingFetch(lists: Record<string, DeletionStep[]>): {
  fetch: typeof fetch;
  deleted: () => number;
} {
  const served = new Map<string, number>();
  let deleted = 0;
  const through: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const list = Object.keys(lists).find((suffix) => url.pathname.endsWith(suffix));
    if (list) {
      const count = (served.get(list) ?? 0) + 1;
      served.set(list, count);
      for (const step of lists[list] ?? []) if (step.after === count) deleted += step.remove();
    }
    return response;
  };
  return { fetch: through, deleted: () => deleted };
}
