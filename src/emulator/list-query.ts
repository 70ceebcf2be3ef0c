/** Shared parsing of list query parameters (sort direction, since/until) and comparators. */
import { parseTimestamp } from "./time.js";

export type Direction = "asc" | "desc";

/** `direction` if valid, else the endpoint's default (GitHub ignores unknown values). */
export function direction(query: URLSearchParams, fallback: Direction): Direction {
  const value = query.get("direction");
  return value === "asc" || value === "desc" ? value : fallback;
}

export function oneOf<T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = query.get(name);
  return allowed.find((candidate) => candidate === value) ?? fallback;
}

/** A timestamp parameter: absent → undefined, malformed → null (the caller answers 422/400). */
export function timestampParam(query: URLSearchParams, name: string): number | null | undefined {
  const value = query.get(name);
  if (value === null || value === "") return undefined;
  return parseTimestamp(value);
}

/** Comparator by numeric keys in order; ties fall through to the next key. */
export function compareBy<T>(dir: Direction, ...keys: ((item: T) => number)[]): (a: T, b: T) => number {
  const sign = dir === "asc" ? 1 : -1;
  return (a, b) => {
    for (const key of keys) {
      const delta = key(a) - key(b);
      if (delta !== 0) return sign * delta;
    }
    return 0;
  };
}

/** A read-only, sliceable sequence (arrays qualify); lets huge lists paginate without copying. */
export interface Sliceable<T> {
  readonly length: number;
  slice(start: number, end: number): T[];
}
