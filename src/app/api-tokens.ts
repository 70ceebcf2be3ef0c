/**
 * API tokens, one set of rules for the CLI (`ghsync token create|list|revoke`) and the API
 * (`/api/tokens`): a token is shown once, when created; only its sha256 is kept. Revoking one ends
 * the dashboard sessions signed in with it. GHSYNC_API_TOKEN is a setting, not a stored token:
 * it is neither listed nor revocable here. A token is a person's (it acts as them, with their
 * role) when a signed-in person creates it; the CLI's tokens are nobody's: automation, an admin.
 * `userId` on list and revoke narrows them to that person's tokens.
 */
import { newToken, type ApiToken } from "../contract/tokens.js";
import { createApiToken, deleteApiToken, listApiTokens } from "../store/api-tokens.js";
import type { Db } from "../store/database.js";
import { GhsyncError } from "../util/errors.js";
import { checked } from "./checked.js";

export async function createToken(
  db: Db,
  name: string,
  userId: number | null = null,
): Promise<{ id: number; name: string; token: string }> {
  const input = checked(newToken, { name });
  return { ...(await createApiToken(db, input.name, userId)), name: input.name };
}

export async function listTokens(db: Db, userId?: number): Promise<ApiToken[]> {
  return listApiTokens(db, userId);
}

export async function revokeToken(db: Db, id: number, userId?: number): Promise<void> {
  if (!(await deleteApiToken(db, id, userId)))
    throw new GhsyncError("token_not_found", `no API token ${id} (\`ghsync token list\` shows their ids)`, {
      status: 404,
    });
}
