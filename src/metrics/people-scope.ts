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
    ? sql`or lower(bot_account.login) in (${sql.join(
        botLogins.map((login) => sql`${login.toLowerCase()}`),
        sql`, `,
      )})`
    : sql``;
  // Its own alias: `accountId` may name a column of an outer `accounts a` (personAccountIds), which
  // an inner `a` would shadow — every account would then match itself.
  return sql`exists (select 1 from accounts bot_account where bot_account.id = ${accountId}
    and (bot_account.type = 'Bot' or lower(bot_account.login) like '%[bot]' ${listed}))`;
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

/**
 * The two disjoint halves of the commit rule, over a commit aliased `c`: by linked account, and
 * by listed email for commits no linked account claims. Each alone can use an index (author id;
 * lower(author_email) — the emails as an array, which the planner looks up in the index, where
 * an `in (select …)` over a jsonb list is estimated at 100 rows and hash-joined against a scan),
 * which their `or` cannot: a query over many commits runs one per half and `union all`s them.
 */
export function commitOfPersonParts(
  userId: number | SQL,
  botLogins: string[],
): { byAccount: SQL; byEmail: SQL } {
  const linkedToAnyone = sql`(select coalesce(uga.account_id, a.id) from user_github_accounts uga
    left join accounts a on uga.account_id is null and lower(a.login) = lower(uga.login)
    where coalesce(uga.account_id, a.id) is not null)`;
  return {
    byAccount: sql`c.author_id in ${personAccountIds(userId, botLogins)}`,
    byEmail: sql`((c.author_id is null or c.author_id not in ${linkedToAnyone})
        and c.author_email is not null
        and lower(c.author_email) = any(array(select lower(e) from users u, jsonb_array_elements_text(u.commit_emails) e
                                              where u.id = ${userId})))`,
  };
}

/** SQL over a commit aliased `c`: it is the person's (account first, then the listed emails). */
export function commitOfPersonSql(userId: number | SQL, botLogins: string[]): SQL {
  const { byAccount, byEmail } = commitOfPersonParts(userId, botLogins);
  return sql`(${byAccount} or ${byEmail})`;
}
