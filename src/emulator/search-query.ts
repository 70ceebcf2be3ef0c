/**
 * The `q` of GET /search/issues, parsed into a predicate over the world: the qualifiers GitHub
 * documents that a mirror uses to find what changed (`org:`, `user:`, `repo:`, `is:`/`type:`,
 * `state:`, `updated:`, `created:` with `>`, `>=`, `<`, `<=` or `A..B`). Anything else (free text,
 * negations, other qualifiers) is refused with a message naming it rather than silently ignored,
 * so a query the emulator cannot answer faithfully never looks answered.
 * https://docs.github.com/search-github/searching-on-github/searching-issues-and-pull-requests
 */
import type { IssueRecord, RepoRecord } from "./world-types.js";
import { fullName } from "./world-queries.js";
import { parseTimestamp } from "./time.js";

export interface SearchHit {
  repo: RepoRecord;
  thread: IssueRecord;
}

export type SearchQuery = { ok: true; matches: (hit: SearchHit) => boolean } | { ok: false; message: string };

type Test = (hit: SearchHit) => boolean;

/** `>T`, `>=T`, `<T`, `<=T`, `A..B` or a bare date (that day, or that instant) over epoch seconds. */
export function dateRange(value: string): ((seconds: number) => boolean) | null {
  const operator = /^(>=|<=|>|<)(.+)$/.exec(value);
  if (operator) {
    const at = parseTimestamp(operator[2] ?? "");
    if (at === null) return null;
    const op = operator[1];
    return op === ">"
      ? (s) => s > at
      : op === ">="
        ? (s) => s >= at
        : op === "<"
          ? (s) => s < at
          : (s) => s <= at;
  }
  const range = /^(.+)\.\.(.+)$/.exec(value);
  if (range) {
    const from = range[1] === "*" ? -Infinity : parseTimestamp(range[1] ?? "");
    const to = range[2] === "*" ? Infinity : parseTimestamp(range[2] ?? "");
    if (from === null || to === null) return null;
    return (s) => s >= from && s <= to;
  }
  const day = parseTimestamp(value);
  if (day === null) return null;
  // A date alone is the whole day; a date with a time is that second.
  return value.length === 10 ? (s) => s >= day && s < day + 86_400 : (s) => s === day;
}

function qualifier(key: string, value: string): Test | null {
  const lower = value.toLowerCase();
  switch (key) {
    case "org":
    case "user":
      return ({ repo }) => repo.owner.login.toLowerCase() === lower;
    case "repo":
      return ({ repo }) => fullName(repo).toLowerCase() === lower;
    case "is":
    case "type":
      if (lower === "issue") return ({ thread }) => thread.pull === null;
      if (lower === "pr" || lower === "pull-request") return ({ thread }) => thread.pull !== null;
      if (key === "is" && (lower === "open" || lower === "closed"))
        return ({ thread }) => thread.state === lower;
      return null;
    case "state":
      return lower === "open" || lower === "closed" ? ({ thread }) => thread.state === lower : null;
    case "updated":
    case "created": {
      const within = dateRange(value);
      if (!within) return null;
      return key === "updated"
        ? ({ thread }) => within(thread.updatedAt)
        : ({ thread }) => within(thread.createdAt);
    }
    default:
      return null;
  }
}

export function parseSearchQuery(q: string): SearchQuery {
  const terms = q.split(/\s+/).filter(Boolean);
  if (terms.length === 0) return { ok: false, message: "q is missing" };
  const tests: Test[] = [];
  for (const term of terms) {
    const colon = term.indexOf(":");
    const test = colon > 0 ? qualifier(term.slice(0, colon).toLowerCase(), term.slice(colon + 1)) : null;
    if (!test) return { ok: false, message: `the emulator does not implement the search term "${term}"` };
    tests.push(test);
  }
  return { ok: true, matches: (hit) => tests.every((test) => test(hit)) };
}
