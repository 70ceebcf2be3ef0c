/** A tiny route table: literal segments and `:name` parameters, first match wins. */

export interface Route<H> {
  segments: readonly string[];
  handler: H;
}

export function route<H>(pattern: string, handler: H): Route<H> {
  return { segments: pattern.split("/").filter(Boolean), handler };
}

export interface Match<H> {
  handler: H;
  params: Record<string, string>;
}

export function match<H>(routes: readonly Route<H>[], path: string): Match<H> | null {
  const parts = path.split("/").filter(Boolean);
  outer: for (const candidate of routes) {
    if (candidate.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    for (let i = 0; i < parts.length; i++) {
      const want = candidate.segments[i] ?? "";
      const got = safeDecode(parts[i] ?? "");
      if (got === null) continue outer;
      if (want.startsWith(":")) params[want.slice(1)] = got;
      else if (want !== got) continue outer;
    }
    return { handler: candidate.handler, params };
  }
  return null;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
