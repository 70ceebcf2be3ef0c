/**
 * The pull request list's backfill cursor is a REST next-page URL or, when GraphQL walks it, a
 * GraphQL cursor marked as such: both walks keep one checkpoint (its high-water mark and depth
 * hold whichever API read the list), and each starts over a backfill the other began.
 */
const GRAPHQL = "graphql:";

export function graphqlCursor(endCursor: string): string {
  return `${GRAPHQL}${endCursor}`;
}

export function isGraphqlCursor(cursor: string | null | undefined): boolean {
  return cursor?.startsWith(GRAPHQL) ?? false;
}

/** The GraphQL `after` a stored cursor holds; null for none, or for a REST URL. */
export function graphqlAfter(cursor: string | null | undefined): string | null {
  return cursor && isGraphqlCursor(cursor) ? cursor.slice(GRAPHQL.length) : null;
}
