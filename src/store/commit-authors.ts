/**
 * Push payloads name a commit's author by login, not by account id. Where the mirror knows the
 * account, the id is filled in — only where it is still null, so a value a sync wrote (from
 * GitHub's own matching) is never replaced. Without it, a commit seen only by webhook would count
 * for nobody until the next reconciliation.
 */
import { sql } from "drizzle-orm";
import type { Db } from "./database.js";

export async function fillCommitAuthorsByLogin(
  tx: Db,
  repositoryId: number,
  authors: readonly { sha: string; login: string }[],
): Promise<void> {
  if (authors.length === 0) return;
  const values = sql.join(
    authors.map((author) => sql`(${author.sha}, ${author.login.toLowerCase()})`),
    sql`, `,
  );
  await tx.execute(sql`update commits c set author_id = a.id
    from (values ${values}) as pushed(sha, login)
    join accounts a on lower(a.login) = pushed.login
    where c.repository_id = ${repositoryId} and c.sha = pushed.sha and c.author_id is null`);
}
