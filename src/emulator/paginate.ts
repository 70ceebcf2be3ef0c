/**
 * GitHub's page-number pagination: per_page (default 30, values above 100 clamped to 100), page
 * (default 1), and a Link header in GitHub's exact format. GitHub writes repository-scoped links
 * with the repository id (`/repositories/{id}/issues?page=2`) and organization lists with the
 * organization id; the caller passes that base. Other query parameters are kept in order.
 * https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api
 */

import type { Sliceable } from "./list-query.js";

export interface PageParams {
  page: number;
  perPage: number;
}

function positiveInt(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  const parsed = Number.parseInt(value, 10);
  return parsed >= 1 ? parsed : null;
}

export function pageParams(query: URLSearchParams): PageParams {
  const perPage = positiveInt(query.get("per_page")) ?? 30;
  return { page: positiveInt(query.get("page")) ?? 1, perPage: Math.min(perPage, 100) };
}

export interface Page<T> {
  items: T[];
  /** Link header value, or null when everything fits in one page. */
  link: string | null;
}

/** Slices one page of `items` and builds its Link header against `linkBase` (absolute, no query). */
export function paginate<T>(items: Sliceable<T>, query: URLSearchParams, linkBase: string): Page<T> {
  const { page, perPage } = pageParams(query);
  const start = (page - 1) * perPage;
  const slice = items.slice(start, start + perPage);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  if (last === 1 && page === 1) return { items: slice, link: null };
  const url = (target: number) => {
    const params = new URLSearchParams(query);
    params.set("page", String(target));
    return `<${linkBase}?${params.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${url(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) links.push(`${url(page + 1)}; rel="next"`, `${url(last)}; rel="last"`);
  if (page > 1) links.push(`${url(1)}; rel="first"`);
  return { items: slice, link: links.join(", ") };
}
