/**
 * Which mirrored rows are a person's, and which accounts are bots — the one definition goals and
 * metrics share (issue: people, goals). A commit is a person's when its GitHub author is one of
 * the person's linked accounts; failing that (no author account, or one linked to nobody), when
 * its author email is one the person lists. Bots never count as people: an account of type
 * `Bot`, a login ending in `[bot]`, or a login in GHSYNC_BOT_LOGINS.
 */
import { sql, type SQL } from "drizzle-orm";

/** Pure form of the bot rule, for rows already in memory. */
export function isBotAccount(account: { login: string; type?: string | null }, botLogins: string[]): boolean {
  const login = account.login.toLowerCase();
  return (
    account.type === "Bot" || login.endsWith("[bot]") || botLogins.some((bot) => bot.toLowerCase() === login)
  );
}

/** SQL: the account with id `accountId` is a bot (unknown accounts are not). */
export function isBotAccountSql(accountId: SQL, botLogins: string[]): SQL {
  const listed = botLogins.length
    ? sql`or lower(bot.login) in (${sql.join(
        botLogins.map((login) => sql`${login.toLowerCase()}`),
        sql`, `,
      )})`
    : sql``;
  // An alias of its own: `accountId` may name a column of an outer `a` (personAccountIds does).
  return sql`exists (select 1 from accounts bot where bot.id = ${accountId}
    and (bot.type = 'Bot' or lower(bot.login) like '%[bot]' ${listed}))`;
}

/**
 * SQL: the GitHub account ids linked to a person that are not bots. A link made before its
 * account was mirrored has no `account_id` yet; its login finds the account in `accounts`.
 */
export function personAccountIds(userId: number | SQL, botLogins: string[]): SQL {
  return sql`(select coalesce(uga.account_id, a.id) from user_github_accounts uga
    left join accounts a on uga.account_id is null and lower(a.login) = lower(uga.login)
    where uga.user_id = ${userId} and coalesce(uga.account_id, a.id) is not null
      and not ${isBotAccountSql(sql`coalesce(uga.account_id, a.id)`, botLogins)})`;
}

/** SQL over a commit aliased `c`: it is the person's (account first, then the listed emails). */
export function commitOfPersonSql(userId: number | SQL, botLogins: string[]): SQL {
  return sql`(${commitByPersonAccountSql(userId, botLogins)} or ${commitByPersonEmailSql(userId)})`;
}

/** The first half of `commitOfPersonSql`: the commit's GitHub author is one of the person's accounts. */
export function commitByPersonAccountSql(userId: number | SQL, botLogins: string[]): SQL {
  return sql`c.author_id in ${personAccountIds(userId, botLogins)}`;
}

/**
 * The second half: no author account tied to anyone, and an author email the person lists. The
 * halves never both hold, so a count may add them up (each half can use its own index). `= any
 * (array(…))` rather than `in (select …)`: the planner guesses 100 rows for a jsonb array and,
 * with 1M commits, would JIT-compile the query for ~100 ms (bench/goals).
 */
export function commitByPersonEmailSql(userId: number | SQL): SQL {
  const linkedToAnyone = sql`(select coalesce(uga.account_id, a.id) from user_github_accounts uga
    left join accounts a on uga.account_id is null and lower(a.login) = lower(uga.login)
    where coalesce(uga.account_id, a.id) is not null)`;
  return sql`((c.author_id is null or c.author_id not in ${linkedToAnyone})
        and c.author_email is not null
        and lower(c.author_email) = any(array(select lower(e) from users u, jsonb_array_elements_text(u.commit_emails) e
                                              where u.id = ${userId})))`;
}
