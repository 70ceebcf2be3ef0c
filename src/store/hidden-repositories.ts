/**
 * Repositories hidden from a viewer (a member whose own GitHub token cannot read a private one:
 * app/repo-visibility.ts): the SQL that leaves their rows and jobs out of counts, lists and
 * metrics, and the private repositories to decide on.
 */
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "./database.js";
import { repositories, syncJobs } from "./schema.js";

/** SQL: the repository id in `column` is none of `hidden` (true when nothing is hidden). */
export function notHidden(column: SQL, hidden: readonly number[]): SQL {
  if (hidden.length === 0) return sql`true`;
  return sql`${column} not in (${sql.join(
    hidden.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/** A private repository a viewer may not see: its rows are left out by id, the jobs naming it by name. */
export interface HiddenRepository {
  id: number;
  fullName: string;
}

/**
 * SQL: the `sync_jobs` row names none of `hidden`: not by its repository, not by the name it was
 * queued for (`target`), not in the repositories a verification was asked for
 * (`params.repositories`).
 */
export function jobNamesNoneOf(hidden: readonly HiddenRepository[]): SQL {
  if (hidden.length === 0) return sql`true`;
  const names = sql.join(
    hidden.map((repo) => sql`${repo.fullName.toLowerCase()}`),
    sql`, `,
  );
  const named = sql`case when jsonb_typeof(${syncJobs.params} -> 'repositories') = 'array'
    then ${syncJobs.params} -> 'repositories' else '[]'::jsonb end`;
  return sql`(${syncJobs.repositoryId} is null or ${notHidden(
    sql`${syncJobs.repositoryId}`,
    hidden.map((repo) => repo.id),
  )})
    and (${syncJobs.target} is null or lower(${syncJobs.target}) not in (${names}))
    and not exists (select 1 from jsonb_array_elements_text(${named}) as asked(name)
                     where lower(asked.name) in (${names}))`;
}

/** The private repositories of the mirror (not deleted). */
export async function privateRepositories(db: Db): Promise<HiddenRepository[]> {
  return db
    .select({ id: repositories.id, fullName: repositories.fullName })
    .from(repositories)
    .where(and(eq(repositories.private, true), isNull(repositories.deletedAt)));
}
