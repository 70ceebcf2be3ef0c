/** Finding a person by their ghsync login (case-insensitive, as the unique index is). */
import { sql } from "drizzle-orm";
import { GhsyncError } from "../util/errors.js";
import type { Db } from "./database.js";
import { users } from "./schema.js";

export type UserRow = typeof users.$inferSelect;

export async function findUserByLogin(db: Db, login: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.login}) = lower(${login})`);
  return row;
}

/** The user, or a 404 that names the login. */
export async function requireUser(db: Db, login: string): Promise<UserRow> {
  const user = await findUserByLogin(db, login);
  if (!user)
    throw new GhsyncError("user_not_found", `no user ${login}; create it with POST /api/users`, {
      status: 404,
    });
  return user;
}
