/**
 * The people records behind "Sign in with GitHub" (app/sign-in.ts): who a GitHub account is,
 * a new person for it, roles, and the person's latest OAuth token.
 */
import { eq, isNotNull, or, sql } from "drizzle-orm";
import type { Role } from "../contract/enums.js";
import type { Db } from "./database.js";
import { userGithubAccounts, users } from "./schema.js";
import type { UserRow } from "./users.js";

/** A signed-in person as the API checks them. */
export interface PersonRole {
  id: number;
  login: string;
  role: Role;
}

/** The person linked to the GitHub account (by its id, else by login), if any. */
export async function findPersonByAccount(
  db: Db,
  account: { id: number; login: string },
): Promise<UserRow | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(userGithubAccounts)
    .innerJoin(users, eq(users.id, userGithubAccounts.userId))
    .where(
      or(
        eq(userGithubAccounts.accountId, account.id),
        sql`lower(${userGithubAccounts.login}) = lower(${account.login})`,
      ),
    )
    .limit(1);
  return row?.user;
}

export async function adminExists(db: Db): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
  return rows.length > 0;
}

export async function recordSignIn(
  db: Db,
  userId: number,
  changes: { role: Role; githubToken: string; accountId: number; login: string },
): Promise<void> {
  await db
    .update(users)
    .set({ role: changes.role, githubToken: changes.githubToken, updatedAt: new Date() })
    .where(eq(users.id, userId));
  await learnAccountId(db, { id: changes.accountId, login: changes.login });
}

/** The account's id is GitHub's word (it signed in): a link kept by login alone learns it. */
export async function learnAccountId(db: Db, account: { id: number; login: string }): Promise<void> {
  await db
    .update(userGithubAccounts)
    .set({ accountId: account.id })
    .where(sql`lower(${userGithubAccounts.login}) = lower(${account.login})`);
}

export async function personRole(db: Db, userId: number): Promise<PersonRole | undefined> {
  const [row] = await db
    .select({ id: users.id, login: users.login, role: users.role })
    .from(users)
    .where(eq(users.id, userId));
  return row ? { ...row, role: row.role === "admin" ? "admin" : "member" } : undefined;
}

/** The person's sealed (or plain) OAuth token, null when they never signed in with GitHub. */
export async function githubTokenOf(db: Db, userId: number): Promise<string | null> {
  const [row] = await db.select({ token: users.githubToken }).from(users).where(eq(users.id, userId));
  return row?.token ?? null;
}

/** Every stored OAuth token (sealed or plain), for `ghsync secrets rotate`. */
export async function storedGithubTokens(db: Db): Promise<{ id: number; token: string }[]> {
  const rows = await db
    .select({ id: users.id, token: users.githubToken })
    .from(users)
    .where(isNotNull(users.githubToken));
  return rows.flatMap((row) => (row.token === null ? [] : [{ id: row.id, token: row.token }]));
}

export async function resealGithubToken(db: Db, userId: number, sealed: string): Promise<void> {
  await db.update(users).set({ githubToken: sealed }).where(eq(users.id, userId));
}
