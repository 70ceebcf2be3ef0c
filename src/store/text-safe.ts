/**
 * PostgreSQL's text and jsonb cannot hold U+0000, and jsonb refuses a lone UTF-16 surrogate;
 * GitHub's strings occasionally carry either (bodies, commit messages and names written by git
 * clients, anything a payload may hold). Every row is written without NUL and with lone surrogates
 * as U+FFFD (what text columns get anyway), so one stray character cannot fail a whole page's
 * transaction (FAULTS.md #12).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(value: unknown): unknown {
  if (typeof value === "string") return value.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\uFFFD");
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, clean(inner)]));
  return value;
}

export function textSafe<T extends object>(row: T): T {
  return clean(row) as T;
}
