/** The first pages a backfill asked for up front (probe-lists.ts), as its walks take them. */
import type { GitHubPage } from "../github/client.js";
import type { RepositoryRef, SyncContext } from "./context.js";

/** The progress reservation of a list's pages until its walk counts them. */
export const listAhead = (repo: RepositoryRef, entity: string) => `${repo.fullName} ${entity} ahead`;

/** The page at `url`: the one the probe asked for (taken once), or asked for now. */
export function takeFirstPage<T>(ctx: SyncContext, url: string): Promise<GitHubPage<T>> {
  const probed = ctx.firstPages.get(url) as Promise<GitHubPage<T>> | undefined;
  ctx.firstPages.delete(url);
  return probed ?? ctx.client.get<T>(url);
}
