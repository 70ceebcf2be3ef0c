/** Parses GitHub's `Link` header (`<url>; rel="next", <url>; rel="last"`) into a map by rel. */
export function parseLinkHeader(header: string | undefined | null): Partial<Record<string, string>> {
  const links: Partial<Record<string, string>> = {};
  if (!header) return links;
  for (const part of header.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="([^"]+)"/.exec(part);
    if (match?.[1] && match[2]) links[match[2]] = match[1];
  }
  return links;
}

/** The page number a GitHub page URL points at (1 when absent). */
export function pageNumber(url: string | undefined): number | undefined {
  if (!url) return undefined;
  const page = new URL(url, "http://github.invalid").searchParams.get("page");
  return page === null ? 1 : Number(page);
}
