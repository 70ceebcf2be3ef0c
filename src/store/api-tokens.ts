/** Stored API tokens (app/api-tokens.ts): the token is shown once; only its sha256 is kept. */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { ApiToken } from "../contract/tokens.js";
import type { Db } from "./database.js";
import { apiTokens, users } from "./schema.js";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createApiToken(
  db: Db,
  name: string,
  userId: number | null = null,
): Promise<{ id: number; token: string }> {
  // URL-safe, 43 characters: [A-Za-z0-9_-]
  const token = `ghs_${randomBytes(32).toString("base64url")}`;
  const [row] = await db
    .insert(apiTokens)
    .values({ name, tokenHash: hashToken(token), userId })
    .returning();
  if (!row) throw new Error("the token was not stored");
  return { id: row.id, token };
}

/** The stored token with this value, if any (its last use is recorded). */
export async function findApiToken(
  db: Db,
  token: string,
): Promise<{ id: number; name: string; userId: number | null } | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(eq(apiTokens.tokenHash, hashToken(token)))
    .returning({ id: apiTokens.id, name: apiTokens.name, userId: apiTokens.userId });
  return row;
}

export async function hasApiTokens(db: Db): Promise<boolean> {
  const rows = await db.select({ id: apiTokens.id }).from(apiTokens).limit(1);
  return rows.length > 0;
}

/** Stored tokens (never a value: only hashes are kept), oldest first: every one, or one person's. */
export async function listApiTokens(db: Db, userId?: number): Promise<ApiToken[]> {
  const rows = await db
    .select({ token: apiTokens, login: users.login })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.userId))
    .where(userId === undefined ? undefined : eq(apiTokens.userId, userId))
    .orderBy(asc(apiTokens.id));
  return rows.map(({ token: row, login }) => ({
    id: row.id,
    name: row.name,
    user: login,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
  }));
}

/**
 * Deletes the token — only if it is `userId`'s when given — (its dashboard sessions go with it: the
 * foreign key cascades); false if none.
 */
export async function deleteApiToken(db: Db, id: number, userId?: number): Promise<boolean> {
  const removed = await db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, id), userId === undefined ? undefined : eq(apiTokens.userId, userId)))
    .returning({ id: apiTokens.id });
  return removed.length > 0;
}
