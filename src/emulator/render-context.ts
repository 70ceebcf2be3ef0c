/**
 * What renderers need to turn records into GitHub JSON: the emulator's base URL (API and "html"
 * URLs both point at the emulator, as on GitHub Enterprise Server), the viewer, and a per-request
 * memo so a page of 100 pull requests renders its repository once.
 */
import type { Account, RepoRecord, World } from "./world-types.js";

export interface RenderContext {
  /** e.g. http://127.0.0.1:3901 (no trailing slash). */
  base: string;
  world: World;
  /** The authenticated account, or null for anonymous requests. */
  viewer: Account | null;
  memo: Map<string, unknown>;
}

export function renderContext(base: string, world: World, viewer: Account | null): RenderContext {
  return { base, world, viewer, memo: new Map() };
}

export function memo<T>(ctx: RenderContext, key: string, make: () => T): T {
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = make();
  ctx.memo.set(key, value);
  return value;
}

export function repoApiUrl(ctx: RenderContext, repo: RepoRecord): string {
  return `${ctx.base}/repos/${repo.owner.login}/${repo.name}`;
}

export function repoHtmlUrl(ctx: RenderContext, repo: RepoRecord): string {
  return `${ctx.base}/${repo.owner.login}/${repo.name}`;
}
