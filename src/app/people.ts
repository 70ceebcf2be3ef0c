/**
 * People and their linked GitHub accounts, one set of rules for the CLI and the API: the same
 * fields checked the same way (emails, names, GitHub logins, timezones), the same answers. The
 * rows are store/users.ts's; a link to an account not mirrored yet is kept by login and resolved
 * when the account appears.
 */
import { z } from "zod";
import { pageOf, type Page } from "../contract/page.js";
import { githubLogin, personFields, type Person } from "../contract/people.js";
import type { Db } from "../store/database.js";
import {
  createUser,
  deleteUser,
  linkAccount,
  listAccounts,
  listUsers,
  requireUser,
  unlinkAccount,
  updateUser,
  userView,
} from "../store/users.js";
import { GhsyncError } from "../util/errors.js";
import { checked } from "./checked.js";
import { isBotAccount } from "../metrics/people-scope.js";

export type UserFields = z.infer<typeof personFields>;

export async function addUser(db: Db, login: string, fields: UserFields): Promise<Person> {
  return userView(db, await createUser(db, login, checked(personFields, fields)));
}

export async function changeUser(db: Db, login: string, fields: UserFields): Promise<Person> {
  return userView(db, await updateUser(db, login, checked(personFields, fields)));
}

export async function showUser(db: Db, login: string): Promise<Person> {
  return userView(db, await requireUser(db, login));
}

/** One page of people by login (the contract's pages: `next_cursor` null on the last). */
export async function listPeople(
  db: Db,
  page: { after?: string | undefined; limit: number },
): Promise<Page<Person>> {
  const rows = await listUsers(db, { after: page.after, limit: page.limit + 1 });
  const { items, next_cursor } = pageOf(
    rows,
    page.limit,
    (row) => userView(db, row),
    (row) => row.login,
  );
  return { items: await Promise.all(items), next_cursor };
}

/** Removes the person with their links, goals and notifications. */
export async function removeUser(db: Db, login: string): Promise<void> {
  await deleteUser(db, login);
}

/**
 * Links a GitHub account; `created` is false when it was linked to this person already. Linking a
 * bot is allowed (a person may own one) but said: a bot's activity never counts in people's
 * numbers, so the link changes nothing the person would see.
 */
export async function linkGitHubAccount(
  db: Db,
  login: string,
  account: string,
  botLogins: string[],
): Promise<{ user: Person; created: boolean; warning: string | null }> {
  const user = await requireUser(db, login);
  const { login: checkedLogin } = checked(z.object({ login: githubLogin }), { login: account });
  const { created, accountType } = await linkAccount(db, user, checkedLogin);
  const bot = isBotAccount({ login: checkedLogin, type: accountType }, botLogins);
  const warning = bot
    ? `${checkedLogin} is a bot account: its activity is never counted in ${user.login}'s numbers or goals`
    : null;
  return { user: await userView(db, user), created, warning };
}

export async function listGitHubAccounts(db: Db, login: string) {
  return listAccounts(db, (await requireUser(db, login)).id);
}

/** `keepOne`: refuses to unlink the person's last account (a member would lose their sign-in). */
export async function unlinkGitHubAccount(
  db: Db,
  login: string,
  account: string,
  options: { keepOne: boolean } = { keepOne: false },
): Promise<void> {
  const user = await requireUser(db, login);
  if (options.keepOne) {
    const linked = await listAccounts(db, user.id);
    const others = linked.filter((row) => row.login.toLowerCase() !== account.toLowerCase());
    if (others.length === 0 && linked.length > 0)
      throw new GhsyncError(
        "last_account",
        `${account} is the only GitHub account linked to ${user.login}, the one they sign in with: an admin can unlink it`,
        { status: 409 },
      );
  }
  await unlinkAccount(db, user, account);
}
