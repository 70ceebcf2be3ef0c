/**
 * The mirror's repositories by name, or every one of an organization — tombstoned ones too (a
 * verification checks them: a repository that left its organization may only have moved).
 */
import { inArray, or, sql } from "drizzle-orm";
import type { Db } from "./database.js";
import { repositories } from "./schema.js";

export async function mirroredRepositories(
  db: Db,
  filter: { names: readonly string[]; org?: string | undefined },
): Promise<
  { id: number; fullName: string; defaultBranch: string | null; syncDepth: string | null; deleted: boolean }[]
> {
  const conditions = [];
  if (filter.org) conditions.push(sql`lower(${repositories.owner}) = lower(${filter.org})`);
  if (filter.names.length > 0)
    conditions.push(
      inArray(
        sql`lower(${repositories.fullName})`,
        filter.names.map((name) => name.toLowerCase()),
      ),
    );
  if (conditions.length === 0) return [];
  return db
    .select({
      id: repositories.id,
      fullName: repositories.fullName,
      defaultBranch: repositories.defaultBranch,
      syncDepth: repositories.syncDepth,
      deleted: sql<boolean>`${repositories.deletedAt} is not null`,
    })
    .from(repositories)
    .where(or(...conditions))
    .orderBy(repositories.fullName);
}
