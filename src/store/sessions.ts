/**
 * Dashboard sessions (schema-web.ts). The cookie carries a random id shown to nobody else; the
 * table keeps its sha256, the CSRF token and the expiry. Expired rows are never accepted and are
 * swept when a new session starts.
 */
import { randomBytes } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import { hashToken } from "./api-tokens.js";
import type { Db } from "./database.js";
import { sessions } from "./schema.js";

export interface Session {
  id: number;
  csrfToken: string;
  expiresAt: Date;
  /** The person signed in; null: automation (GHSYNC_API_TOKEN or a token of nobody's). */
  userId: number | null;
}

export async function createSession(
  db: Db,
  options: { apiTokenId: number | null; userId: number | null; ttlMs: number },
): Promise<Session & { secret: string }> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  const secret = randomBytes(32).toString("base64url");
  const [row] = await db
    .insert(sessions)
    .values({
      idHash: hashToken(secret),
      csrfToken: randomBytes(32).toString("base64url"),
      apiTokenId: options.apiTokenId,
      userId: options.userId,
      expiresAt: new Date(Date.now() + options.ttlMs),
    })
    .returning();
  if (!row) throw new Error("the session was not stored");
  return { id: row.id, csrfToken: row.csrfToken, expiresAt: row.expiresAt, userId: row.userId, secret };
}

/** The live session whose cookie value is `secret`, if any. */
export async function findSession(db: Db, secret: string): Promise<Session | undefined> {
  const [row] = await db
    .select({
      id: sessions.id,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      userId: sessions.userId,
    })
    .from(sessions)
    .where(and(eq(sessions.idHash, hashToken(secret)), gt(sessions.expiresAt, new Date())));
  return row;
}

export async function deleteSession(db: Db, secret: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashToken(secret)));
}
