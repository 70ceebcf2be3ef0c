/**
 * People and their linked GitHub accounts, one set of rules for the CLI and the API: the same
 * fields checked the same way (emails, names, GitHub logins, timezones), the same answers. The
 * rows are store/users.ts's; a link to an account not mirrored yet is kept by login and resolved
 * when the account appears.
 */
import { z } from "zod";
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
  type UserView,
} from "../store/users.js";
import { checked } from "./checked.js";

export const userFields = z.object({
  name: z.string().max(200).nullable().optional(),
  email: z.email().nullable().optional(),
  timezone: z.string().min(1).optional().describe("IANA name, default UTC"),
  public: z.boolean().optional().describe("show the public profile at /api/public/:login"),
  commit_emails: z
    .array(z.email())
    .max(50)
    .optional()
    .describe("commit author emails that are this person's"),
  notify_sync: z.boolean().optional().describe("be told (email, chat, webhooks) when a backfill finishes"),
});
export type UserFields = z.infer<typeof userFields>;

export const githubLogin = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*(\[bot\])?$/, "must be a GitHub login");

export async function addUser(db: Db, login: string, fields: UserFields): Promise<UserView> {
  return userView(db, await createUser(db, login, checked(userFields, fields)));
}

export async function changeUser(db: Db, login: string, fields: UserFields): Promise<UserView> {
  return userView(db, await updateUser(db, login, checked(userFields, fields)));
}

export async function showUser(db: Db, login: string): Promise<UserView> {
  return userView(db, await requireUser(db, login));
}

/** One page of people by login; `next_cursor` is the last login when the page is full. */
export async function listUserViews(
  db: Db,
  page: { after?: string | undefined; limit: number },
): Promise<{ items: UserView[]; next_cursor: string | null }> {
  const rows = await listUsers(db, page);
  const items = await Promise.all(rows.map((row) => userView(db, row)));
  const last = rows.at(-1);
  return { items, next_cursor: rows.length >= page.limit && last ? last.login : null };
}

/** Removes the person with their links, goals and notifications. */
export async function removeUser(db: Db, login: string): Promise<void> {
  await deleteUser(db, login);
}

/** Links a GitHub account; `created` is false when it was linked to this person already. */
export async function linkGitHubAccount(
  db: Db,
  login: string,
  account: string,
): Promise<{ user: UserView; created: boolean }> {
  const user = await requireUser(db, login);
  const { login: checkedLogin } = checked(z.object({ login: githubLogin }), { login: account });
  const created = await linkAccount(db, user, checkedLogin);
  return { user: await userView(db, user), created };
}

export async function listGitHubAccounts(db: Db, login: string) {
  return listAccounts(db, (await requireUser(db, login)).id);
}

export async function unlinkGitHubAccount(db: Db, login: string, account: string): Promise<void> {
  await unlinkAccount(db, await requireUser(db, login), account);
}
