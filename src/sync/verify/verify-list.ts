/**
 * One list checked against the mirror: GitHub's whole list (no ETag, no high-water mark) against
 * the mirror's live rows of the repository. Rows GitHub lists and the mirror lacks are written
 * (missing), rows whose `updated_at` differs are rewritten (changed); a row the list no longer
 * shows is asked for alone — a 404 or 410, or an answer from another repository (a transfer),
 * confirms it is gone and it is tombstoned; anything else is written, as a row the walk skipped.
 * Nothing is tombstoned on the list's word alone.
 */
import type { GitHubPage } from "../../github/client.js";
import type { Db } from "../../store/database.js";
import { unlessGone } from "../../github/unless-gone.js";
import type { RepositoryRef, SyncContext } from "../context.js";
import type { VerifyCounts } from "./verify-counts.js";

export interface StoredRow {
  id: number;
  updatedAt: Date;
  /** The issue or pull request number, for lists whose items are asked for by number. */
  number?: number;
}

export interface ListCheck<T> {
  entity: string;
  /** The whole list, `per_page=100`. */
  listUrl(repo: RepositoryRef): string;
  /** Items of the list this check owns (the issue list holds pull requests too). */
  owns(item: T): boolean;
  idOf(item: T): number;
  updatedAtOf(item: T): string;
  /** The mirror's live (not tombstoned) rows of the repository. */
  stored(db: Db, repo: RepositoryRef): Promise<StoredRow[]>;
  /** The single item's URL. */
  itemUrl(repo: RepositoryRef, row: StoredRow): string;
  /** Whether an answered item is this repository's (a transferred issue answers from its new one). */
  isHere(item: T, repo: RepositoryRef): boolean;
  write(tx: Db, repo: RepositoryRef, items: T[]): Promise<unknown>;
  tombstone(tx: Db, ids: number[]): Promise<number>;
}

async function readAll<T>(ctx: SyncContext, url: string): Promise<T[]> {
  const items: T[] = [];
  for (let next: string | undefined = url; next;) {
    const page: GitHubPage<T[]> = await ctx.client.get(next);
    items.push(...(page.data ?? []));
    next = page.next;
  }
  return items;
}

/** The single item, or null when GitHub confirms it is not this repository's any more. */
async function askAlone<T>(
  ctx: SyncContext,
  check: ListCheck<T>,
  repo: RepositoryRef,
  row: StoredRow,
): Promise<T | null> {
  const item = (await unlessGone(ctx.client.get<T>(check.itemUrl(repo, row))))?.data;
  return item && check.isHere(item, repo) ? item : null;
}

export async function verifyList<T>(
  ctx: SyncContext,
  repo: RepositoryRef,
  check: ListCheck<T>,
  counts: VerifyCounts,
): Promise<void> {
  const upstream = (await readAll<T>(ctx, check.listUrl(repo))).filter((item) => check.owns(item));
  const stored = new Map((await check.stored(ctx.db, repo)).map((row) => [row.id, row]));
  const listed = new Set(upstream.map((item) => check.idOf(item)));
  const write: T[] = [];
  let missing = 0;
  for (const item of upstream) {
    const row = stored.get(check.idOf(item));
    if (!row) missing++;
    else if (row.updatedAt.getTime() !== Date.parse(check.updatedAtOf(item))) counts.changed++;
    else continue;
    write.push(item);
  }
  const gone: number[] = [];
  for (const row of stored.values()) {
    if (listed.has(row.id)) continue;
    const item = await askAlone(ctx, check, repo, row);
    if (item === null) gone.push(row.id);
    else {
      counts.changed++;
      write.push(item);
    }
  }
  counts.missing += missing;
  counts.checked += stored.size + missing;
  await ctx.db.transaction(async (tx) => {
    if (write.length > 0) await check.write(tx, repo, write);
    const deleted = await check.tombstone(tx, gone);
    counts.deleted += deleted;
  });
}
