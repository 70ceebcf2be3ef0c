/**
 * What change detection keeps per organization (`org_watches`) and the mirror's side of its
 * comparisons: which of the repositories, issues and pull requests GitHub reports are newer than
 * the rows the mirror holds.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "./database.js";
import { queryRows } from "./raw-query.js";
import { orgWatches, repositories } from "./schema.js";

export type OrgWatch = typeof orgWatches.$inferSelect;
export type WatchScope = OrgWatch["scope"];

export async function loadOrgWatch(db: Db, org: string, scope: WatchScope): Promise<OrgWatch | undefined> {
  const rows = await db
    .select()
    .from(orgWatches)
    .where(and(eq(orgWatches.org, org.toLowerCase()), eq(orgWatches.scope, scope)));
  return rows[0];
}

export async function saveOrgWatch(
  db: Db,
  org: string,
  scope: WatchScope,
  change: { searchedTo: Date; unsettledUntil: Date; fullPassAt?: Date; listEtag?: string | null },
): Promise<void> {
  const set = { ...change, updatedAt: new Date() };
  await db
    .insert(orgWatches)
    .values({ org: org.toLowerCase(), scope, fullPassAt: change.fullPassAt ?? change.searchedTo, ...set })
    .onConflictDoUpdate({ target: [orgWatches.org, orgWatches.scope], set });
}

export interface StoredRepositoryState {
  id: number;
  pushedAt: Date | null;
  updatedAt: Date | null;
  deletedAt: Date | null;
}

export async function storedRepositoryStates(
  db: Db,
  ids: readonly number[],
): Promise<StoredRepositoryState[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: repositories.id,
      pushedAt: repositories.pushedAt,
      updatedAt: repositories.updatedAt,
      deletedAt: repositories.deletedAt,
    })
    .from(repositories)
    .where(inArray(repositories.id, [...ids]));
}

/**
 * Whether some live repository of the organization was backfilled less deep than `since` (null:
 * all history): then a run asking for that depth must reach every repository, changed or not.
 */
export async function shallowerThan(db: Db, org: string, since: Date | null): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(
    db,
    sql`select exists (
          select 1 from sync_checkpoints c join repositories r on r.id = c.repository_id
           where lower(r.owner) = lower(${org}) and r.deleted_at is null and c.backfill_since is not null
             and (${since?.toISOString() ?? null}::timestamptz is null
                  or c.backfill_since > ${since?.toISOString() ?? null}::timestamptz)) as found`,
  );
  return rows[0]?.found === true;
}

/** The organization's repositories that were never synced to the end (a first sync still owed). */
export async function unsyncedRepositories(db: Db, org: string): Promise<string[]> {
  const rows = await queryRows<{ full_name: string }>(
    db,
    sql`select full_name from repositories
         where lower(owner) = lower(${org}) and deleted_at is null and last_synced_at is null
         order by full_name`,
  );
  return rows.map((row) => row.full_name);
}

export interface ReportedItem {
  /** OWNER/REPO as GitHub names it now. */
  repository: string;
  number: number;
  updatedAt: string;
}

/**
 * The repositories (full names as reported) holding an issue or pull request that the mirror
 * lacks or holds an older version of, or that GitHub stamped within the `unsettled` window (a
 * change in the same second as the version mirrored keeps its stamp). An item the mirror already
 * has as new is no change.
 */
export async function repositoriesWithNewerItems(
  db: Db,
  items: readonly ReportedItem[],
  unsettled: { from: Date; until: Date },
): Promise<string[]> {
  if (items.length === 0) return [];
  const reported = JSON.stringify(
    items.map((item) => ({ repository: item.repository, number: item.number, updated_at: item.updatedAt })),
  );
  const rows = await queryRows<{ repository: string }>(
    db,
    sql`select distinct x.repository
          from jsonb_to_recordset(${reported}::jsonb) as x(repository text, number int, updated_at timestamptz)
          left join repositories r on lower(r.full_name) = lower(x.repository) and r.deleted_at is null
          left join issues i on i.repository_id = r.id and i.number = x.number
          left join pull_requests p on p.repository_id = r.id and p.number = x.number
         where greatest(i.updated_at, p.updated_at) is null
            or greatest(i.updated_at, p.updated_at) < x.updated_at
            or (x.updated_at >= ${unsettled.from.toISOString()}::timestamptz
                and x.updated_at < ${unsettled.until.toISOString()}::timestamptz)
         order by 1`,
  );
  return rows.map((row) => row.repository);
}

/**
 * The scheduler's marks on these repositories: change detection saw something new (`changedAt`),
 * or a full pass asks for a poll with no change known (`pollDueAt`). Their next sync that starts
 * after the mark clears it (sync-repository.ts).
 */
export async function markRepositories(
  db: Db,
  ids: readonly number[],
  mark: { changedAt: Date } | { pollDueAt: Date },
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(repositories)
    .set(mark)
    .where(inArray(repositories.id, [...ids]));
}

/**
 * A complete change detection that started at `at` found nothing new in the organization's other
 * synced repositories (`except`: those it found changed; `only`: those it covered, when not all):
 * they are current as of `at`, unless an earlier mark still waits for their sync.
 */
export async function vouchCurrent(
  db: Db,
  org: string,
  options: { at: Date; except: readonly number[]; only?: readonly number[] | undefined },
): Promise<void> {
  const at = options.at.toISOString();
  const ids = (list: readonly number[]) => `{${list.join(",")}}`;
  await db.execute(
    sql`update repositories set current_at = ${at}::timestamptz
         where lower(owner) = lower(${org}) and deleted_at is null and last_synced_at is not null
           and changed_at is null and poll_due_at is null
           and (current_at is null or current_at < ${at}::timestamptz)
           and (${options.only === undefined} or id = any(${ids(options.only ?? [])}::bigint[]))
           and not (id = any(${ids(options.except)}::bigint[]))`,
  );
}
