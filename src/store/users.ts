/**
 * People using ghsync and their linked GitHub accounts: the store functions the API and the CLI
 * share, input checks included (a bad timezone or a taken account is refused before any write).
 */
import type { Person } from "../contract/people.js";
import { and, eq, sql } from "drizzle-orm";
import { isValidTimezone } from "../util/time-zone.js";
import { GhsyncError } from "../util/errors.js";
import type { Db } from "./database.js";
import { accounts, userGithubAccounts, users } from "./schema.js";

export type UserRow = typeof users.$inferSelect;

export interface UserInput {
  name?: string | null;
  email?: string | null;
  timezone?: string;
  public?: boolean;
  commit_emails?: string[];
  /** Told when a backfill finishes (notify/announce-sync.ts). */
  notify_sync?: boolean;
  /** Days a month the current streak survives without a contribution. */
  streak_freezes?: number;
  /** Listed on the public leaderboard (with `public`). */
  leaderboard?: boolean;
}

const LOGIN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function checkInput(input: UserInput): void {
  if (input.timezone !== undefined && !isValidTimezone(input.timezone)) {
    throw new GhsyncError(
      "invalid_timezone",
      `unknown timezone ${JSON.stringify(input.timezone)}: use an IANA name such as Europe/Berlin or UTC`,
      { status: 400 },
    );
  }
}

function columnsOf(input: UserInput) {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
    ...(input.public !== undefined ? { public: input.public } : {}),
    ...(input.commit_emails !== undefined
      ? { commitEmails: [...new Set(input.commit_emails.map((e) => e.trim().toLowerCase()))] }
      : {}),
    ...(input.notify_sync !== undefined ? { notifySync: input.notify_sync } : {}),
    ...(input.streak_freezes !== undefined ? { streakFreezes: input.streak_freezes } : {}),
    ...(input.leaderboard !== undefined ? { leaderboard: input.leaderboard } : {}),
  };
}

export async function createUser(db: Db, login: string, input: UserInput): Promise<UserRow> {
  if (!LOGIN.test(login)) {
    throw new GhsyncError(
      "invalid_login",
      `login ${JSON.stringify(login)} must be letters, digits, '.', '_' or '-'`,
      { status: 400 },
    );
  }
  checkInput(input);
  const [row] = await db
    .insert(users)
    .values({ login, ...columnsOf(input) })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new GhsyncError("user_exists", `a user ${login} exists already`, { status: 409 });
  return row;
}

export async function findUser(db: Db, login: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.login}) = lower(${login})`);
  return row;
}

/** The user, or a 404 naming the login. */
export async function requireUser(db: Db, login: string): Promise<UserRow> {
  const row = await findUser(db, login);
  if (!row)
    throw new GhsyncError(
      "user_not_found",
      `no user ${login}; add it first (ghsync users add, or POST /api/users)`,
      {
        status: 404,
      },
    );
  return row;
}

export async function listUsers(db: Db, page: { after?: string; limit: number }): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(page.after === undefined ? undefined : sql`lower(${users.login}) > lower(${page.after})`)
    .orderBy(sql`lower(${users.login})`)
    .limit(page.limit);
}

export async function updateUser(db: Db, login: string, input: UserInput): Promise<UserRow> {
  checkInput(input);
  const user = await requireUser(db, login);
  const [row] = await db
    .update(users)
    .set({ ...columnsOf(input), updatedAt: new Date() })
    .where(eq(users.id, user.id))
    .returning();
  return row ?? user;
}

/** Removes the user with their links, goals and notifications (cascade). */
export async function deleteUser(db: Db, login: string): Promise<void> {
  const user = await requireUser(db, login);
  await db.delete(users).where(eq(users.id, user.id));
}

export async function listAccounts(db: Db, userId: number) {
  return db
    .select({ login: userGithubAccounts.login, account_id: userGithubAccounts.accountId })
    .from(userGithubAccounts)
    .where(eq(userGithubAccounts.userId, userId))
    .orderBy(sql`lower(${userGithubAccounts.login})`);
}

/**
 * Links a GitHub login to the user. Its account id comes from the mirror when the account is
 * there; otherwise it stays null and people-scope.ts finds the account by login once mirrored.
 * Returns whether the link is new (linking it again to the same user changes nothing) and the
 * account's type when it is mirrored (`Bot`, `User`).
 */
export async function linkAccount(
  db: Db,
  user: UserRow,
  githubLogin: string,
): Promise<{ created: boolean; accountType: string | null }> {
  const [account] = await db
    .select({ id: accounts.id, login: accounts.login, type: accounts.type })
    .from(accounts)
    .where(sql`lower(${accounts.login}) = lower(${githubLogin})`)
    .limit(1);
  const [inserted] = await db
    .insert(userGithubAccounts)
    .values({ userId: user.id, login: account?.login ?? githubLogin, accountId: account?.id ?? null })
    .onConflictDoNothing()
    .returning({ id: userGithubAccounts.id });
  const accountType = account?.type ?? null;
  if (inserted) return { created: true, accountType };
  const [owner] = await db
    .select({ login: users.login, id: users.id })
    .from(userGithubAccounts)
    .innerJoin(users, eq(users.id, userGithubAccounts.userId))
    .where(sql`lower(${userGithubAccounts.login}) = lower(${githubLogin})`);
  if (owner && owner.id !== user.id) {
    throw new GhsyncError(
      "account_taken",
      `GitHub account ${githubLogin} is already linked to user ${owner.login}; unlink it there first`,
      { status: 409 },
    );
  }
  return { created: false, accountType };
}

export async function unlinkAccount(db: Db, user: UserRow, githubLogin: string): Promise<void> {
  const removed = await db
    .delete(userGithubAccounts)
    .where(
      and(
        eq(userGithubAccounts.userId, user.id),
        sql`lower(${userGithubAccounts.login}) = lower(${githubLogin})`,
      ),
    )
    .returning({ id: userGithubAccounts.id });
  if (removed.length === 0) {
    throw new GhsyncError("link_not_found", `${githubLogin} is not linked to user ${user.login}`, {
      status: 404,
    });
  }
}

export async function userView(db: Db, user: UserRow): Promise<Person> {
  return {
    login: user.login,
    name: user.name,
    email: user.email,
    timezone: user.timezone,
    public: user.public,
    commit_emails: user.commitEmails,
    notify_sync: user.notifySync,
    streak_freezes: user.streakFreezes,
    leaderboard: user.leaderboard,
    accounts: await listAccounts(db, user.id),
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}

/** The person's IANA zone (UTC when the person is gone). */
export async function timezoneOf(db: Db, userId: number): Promise<string> {
  const [row] = await db.select({ timezone: users.timezone }).from(users).where(eq(users.id, userId));
  return row?.timezone ?? "UTC";
}
