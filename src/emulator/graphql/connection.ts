/**
 * GraphQL connections over the emulator's lists, with GitHub's opaque cursors. A cursor holds
 * the position key of its item, not an offset into the answer: lists sorted by a value (pull
 * requests by `updated_at`) get keyset cursors, so an item updated while a client pages moves
 * ahead of its cursor instead of shifting the pages after it — as on GitHub. Append-only lists
 * (a pull request's reviews and commits, a thread's comments and timeline) use the item's index.
 */
import { GraphQLError } from "graphql";

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** An item's place in the list: compared element by element, ascending in list order. */
export type Position = readonly number[];

const PREFIX = "cursor:v2:";

function encode(position: Position): string {
  return Buffer.from(PREFIX + JSON.stringify(position)).toString("base64");
}

function decode(cursor: string): Position {
  const text = Buffer.from(cursor, "base64").toString("utf8");
  if (text.startsWith(PREFIX)) {
    try {
      const position = JSON.parse(text.slice(PREFIX.length)) as unknown;
      if (Array.isArray(position) && position.every((part) => typeof part === "number")) return position;
    } catch {
      // answered below
    }
  }
  throw new GraphQLError(`\`${cursor}\` does not appear to be a valid cursor.`, {
    extensions: { type: "INVALID_CURSOR_ARGUMENTS" },
  });
}

function compare(a: Position, b: Position): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const delta = (a[index] ?? 0) - (b[index] ?? 0);
    if (delta !== 0) return delta;
  }
  return 0;
}

export interface Connection<N> {
  nodes: N[];
  edges: { cursor: string; node: N }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number;
}

/**
 * One page of `items` (already in list order). `position` must grow along the list; by default
 * the item's index.
 */
export function connection<T, N>(
  items: readonly T[],
  args: PageArgs,
  toNode: (item: T) => N,
  position: (item: T, index: number) => Position = (_item, index) => [index],
): Connection<N> {
  const after = args.after ? decode(args.after) : null;
  const before = args.before ? decode(args.before) : null;
  const placed = items.map((item, index) => ({ item, position: position(item, index) }));
  let start = 0;
  let end = placed.length;
  if (after)
    while (start < end && compare((placed[start] as { position: Position }).position, after) <= 0) start++;
  if (before) {
    let index = start;
    while (index < end && compare((placed[index] as { position: Position }).position, before) < 0) index++;
    end = index;
  }
  let window = placed.slice(start, end);
  const hasFirst = typeof args.first === "number";
  const hasLast = typeof args.last === "number";
  const hasNextPage = hasFirst ? window.length > (args.first as number) : end < placed.length;
  if (hasFirst) window = window.slice(0, args.first as number);
  const hasPreviousPage = hasLast ? window.length > (args.last as number) : start > 0;
  if (hasLast) window = window.slice(Math.max(0, window.length - (args.last as number)));
  const edges = window.map((entry) => ({ cursor: encode(entry.position), node: toNode(entry.item) }));
  return {
    nodes: edges.map((edge) => edge.node),
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: items.length,
  };
}
