/**
 * API tokens, one set of rules for the CLI (`ghsync token create|list|revoke`) and the API
 * (`/api/tokens`): a token is shown once, when created; only its sha256 is kept. Revoking one ends
 * the dashboard sessions signed in with it. GHSYNC_API_TOKEN is a setting, not a stored token:
 * it is neither listed nor revocable here.
 */
import { z } from "zod";
import { createApiToken, deleteApiToken, listApiTokens, type ApiTokenView } from "../store/api-tokens.js";
import type { Db } from "../store/database.js";
import { GhsyncError } from "../util/errors.js";
import { checked } from "./checked.js";

export const newToken = z.object({
  name: z.string().trim().min(1).max(100).describe("what the token is for"),
});

export async function createToken(
  db: Db,
  name: string,
): Promise<{ id: number; name: string; token: string }> {
  const input = checked(newToken, { name });
  return { ...(await createApiToken(db, input.name)), name: input.name };
}

export async function listTokens(db: Db): Promise<ApiTokenView[]> {
  return listApiTokens(db);
}

export async function revokeToken(db: Db, id: number): Promise<void> {
  if (!(await deleteApiToken(db, id)))
    throw new GhsyncError("token_not_found", `no API token ${id} (\`ghsync token list\` shows their ids)`, {
      status: 404,
    });
}
