/**
 * Lists (DESIGN.md, Contract): every list answers `{items, next_cursor}`; a client passes
 * `next_cursor` back as `cursor` until it is null. Cursors are keyset positions — the last item's
 * id (newest-first lists) or name (by-name lists) — so a page never repeats or skips a row that
 * was there when the first page was read. `pageOf` is the one place a page is cut: the store is
 * asked for one row more than the limit, so the last page says `null` instead of leading to an
 * empty one.
 */
import { z } from "zod";

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    next_cursor: z.string().nullable().describe("pass as `cursor` for the next page; null on the last"),
  });

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

const limit = (max: number) =>
  z.coerce.number().int().min(1).max(max).optional().describe(`items per page (at most ${max})`);

/** `?cursor=&limit=` of a list ordered by a numeric id. */
export const idPageQuery = (max = 500) =>
  z.object({
    cursor: z
      .string()
      .regex(/^\d{1,15}$/, "must be a next_cursor from the previous page")
      .transform(Number)
      .optional(),
    limit: limit(max),
  });

/** `?cursor=&limit=` of a list ordered by name (logins, OWNER/REPO). */
export const namePageQuery = (max = 500) =>
  z.object({
    cursor: z.string().min(1).max(300).optional().describe("a next_cursor from the previous page"),
    limit: limit(max),
  });

/** Cuts a page from `rows`, read with `limit + 1`: the extra row only says there is a next page. */
export function pageOf<Row, Item>(
  rows: readonly Row[],
  limit: number,
  view: (row: Row) => Item,
  cursorOf: (row: Row) => string | number,
): Page<Item> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map(view),
    next_cursor: rows.length > limit && last !== undefined ? String(cursorOf(last)) : null,
  };
}
