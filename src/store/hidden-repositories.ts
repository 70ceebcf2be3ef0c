/**
 * Repositories hidden from a viewer (a member whose own GitHub token cannot read a private one:
 * app/repo-visibility.ts): the SQL that leaves their rows out of counts and metrics, and the
 * private repositories to decide on.
 */
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "./database.js";
import { repositories } from "./schema.js";

/** SQL: the repository id in `column` is none of `hidden` (true when nothing is hidden). */
export function notHidden(column: SQL, hidden: readonly number[]): SQL {
  if (hidden.length === 0) return sql`true`;
  return sql`${column} not in (${sql.join(
    hidden.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/** The private repositories of the mirror (not deleted). */
export async function privateRepositories(db: Db): Promise<{ id: number; fullName: string }[]> {
  return db
    .select({ id: repositories.id, fullName: repositories.fullName })
    .from(repositories)
    .where(and(eq(repositories.private, true), isNull(repositories.deletedAt)));
}
