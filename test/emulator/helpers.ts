/** Small HTTP helpers for the emulator tests (plain fetch, redirects not followed). */

export const TOKEN = "ghp_emulator_test_token";

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

export interface GetOptions {
  token?: string | null;
  headers?: Record<string, string>;
}

/** GET `path` (relative to `base`, or an absolute URL) with a token unless `token: null`. */
export async function get(base: string, path: string, options: GetOptions = {}): Promise<Reply> {
  const token = options.token === undefined ? TOKEN : options.token;
  const headers: Record<string, string> = { accept: "application/vnd.github+json", ...options.headers };
  if (token) headers.authorization = `token ${token}`;
  const response = await fetch(path.startsWith("http") ? path : `${base}${path}`, {
    headers,
    redirect: "manual",
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: text ? (JSON.parse(text) as unknown) : null,
  };
}

/** rel → URL of a Link header. */
export function parseLink(link: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (link ?? "").split(",")) {
    const found = /<([^>]+)>;\s*rel="([^"]+)"/.exec(part.trim());
    if (found?.[1] && found[2]) out[found[2]] = found[1];
  }
  return out;
}

/** Follows rel="next" from `path` and returns every item and every page's reply. */
export async function walk<T = Record<string, unknown>>(
  base: string,
  path: string,
  options: GetOptions = {},
): Promise<{ items: T[]; replies: Reply[] }> {
  const items: T[] = [];
  const replies: Reply[] = [];
  let next: string | undefined = path;
  while (next) {
    const reply = await get(base, next, options);
    if (reply.status !== 200) throw new Error(`GET ${next}: ${reply.status} ${reply.text}`);
    if (!Array.isArray(reply.body)) throw new Error(`GET ${next}: not an array`);
    items.push(...(reply.body as T[]));
    replies.push(reply);
    next = parseLink(reply.headers.get("link")).next;
  }
  return { items, replies };
}

export function record(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error("expected an object");
  return value as Record<string, unknown>;
}

export function records(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new Error("expected an array");
  return value.map(record);
}
