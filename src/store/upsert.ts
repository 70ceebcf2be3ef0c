/**
 * Batched, idempotent upserts keyed by GitHub's ids (DESIGN.md, principles 1 and 3):
 * - a row is inserted, or updated in place on its key — never duplicated;
 * - with a freshness column (GitHub's `updated_at`), data older than the stored row never
 *   overwrites it; equal timestamps fall back to arrival order (the later write wins);
 * - only the columns present in the rows are written, so local columns (tracked, sync_depth…)
 *   survive an upsert of GitHub data;
 * - a tombstoned row comes back only when strictly newer data arrives for it;
 * - an identical row is not rewritten (and not counted as written);
 * - text is written without NUL characters, which PostgreSQL refuses (text-safe.ts).
 */
import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./database.js";
import { textSafe } from "./text-safe.js";

/** PostgreSQL takes at most 65,535 bind parameters per statement. */
const MAX_PARAMETERS = 60_000;
const MAX_BATCH = 1_000;

export interface UpsertOptions {
  /** The conflict target: GitHub's id, or the natural key (repository id + sha). */
  key: PgColumn[];
  /** GitHub's `updated_at`: rows with an older value never overwrite a newer one. */
  freshness?: PgColumn;
}

/** Upserts `rows` in batches; returns how many rows were inserted or changed (stale rows are skipped). */
export async function upsertRows<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly T["$inferInsert"][],
  options: UpsertOptions,
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const set = buildSet(table, columns, rows, options);
  const changed = changedCondition(table, columns, set);
  const where = options.freshness
    ? sql`(${freshnessCondition(table, options.freshness)}) and ${changed}`
    : changed;
  const columnCount = Object.keys(rows[0] as object).length + 1;
  const batchSize = Math.max(1, Math.min(MAX_BATCH, Math.floor(MAX_PARAMETERS / columnCount)));
  const firstKey = options.key[0] as PgColumn;
  const sorted = sortByKey(rows.map(textSafe), columns, options.key);
  let written = 0;
  for (let start = 0; start < sorted.length; start += batchSize) {
    const batch = sorted.slice(start, start + batchSize) as T["$inferInsert"][];
    const result = await db
      .insert(table)
      .values(batch)
      .onConflictDoUpdate({ target: options.key, set, setWhere: where })
      .returning({ key: firstKey });
    written += result.length;
  }
  return written;
}

/**
 * Concurrent transactions upserting overlapping rows (the same author on two pages) must lock
 * them in one order, or PostgreSQL detects a deadlock: sort by the key, deduplicating within
 * the batch (a row may appear twice; the last one wins, as it would arriving later).
 */
function sortByKey<R>(rows: readonly R[], columns: Record<string, PgColumn>, key: PgColumn[]): R[] {
  const properties = key.map(
    (column) => Object.keys(columns).find((property) => columns[property] === column) as string,
  );
  const keyOf = (row: R) =>
    properties.map((property) => String((row as Record<string, unknown>)[property])).join("\u0000");
  const unique = new Map<string, R>();
  for (const row of rows) unique.set(keyOf(row), row);
  return [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

function buildSet<T extends PgTable>(
  table: T,
  columns: Record<string, PgColumn>,
  rows: readonly T["$inferInsert"][],
  options: UpsertOptions,
): Record<string, SQL> {
  const keyNames = new Set(options.key.map((column) => column.name));
  const present = new Set<string>();
  for (const row of rows) for (const property of Object.keys(row as object)) present.add(property);
  const set: Record<string, SQL> = {};
  for (const property of present) {
    const column = columns[property];
    if (!column) throw new Error(`upsert into ${getTableName(table)}: unknown property ${property}`);
    if (keyNames.has(column.name)) continue;
    set[property] = sql.raw(`excluded."${column.name}"`);
  }
  if (columns.syncedAt) set.syncedAt = sql`now()`;
  const deletedAt = columns.deletedAt;
  if (deletedAt && options.freshness && !present.has("deletedAt")) {
    const fresh = options.freshness.name;
    set.deletedAt = sql.raw(
      `case when excluded."${fresh}" > "${getTableName(table)}"."${fresh}" then null else "${getTableName(table)}"."${deletedAt.name}" end`,
    );
  }
  return set;
}

/**
 * Rewrite a row only when something differs (or it is a tombstone that may come back), so an
 * unchanged row is not counted as written and costs no write.
 */
function changedCondition(table: PgTable, columns: Record<string, PgColumn>, set: Record<string, SQL>): SQL {
  const name = getTableName(table);
  const compared = Object.keys(set)
    .filter((property) => property !== "syncedAt" && property !== "deletedAt")
    .map((property) => (columns[property] as PgColumn).name);
  const stored = compared.map((column) => `"${name}"."${column}"`).join(", ");
  const incoming = compared.map((column) => `excluded."${column}"`).join(", ");
  const tombstone = columns.deletedAt ? ` or "${name}"."${columns.deletedAt.name}" is not null` : "";
  return sql.raw(`(row(${stored}) is distinct from row(${incoming})${tombstone})`);
}

function freshnessCondition(table: PgTable, freshness: PgColumn): SQL {
  const name = freshness.name;
  const qualified = `"${getTableName(table)}"."${name}"`;
  return sql.raw(`${qualified} is null or excluded."${name}" is null or excluded."${name}" >= ${qualified}`);
}
