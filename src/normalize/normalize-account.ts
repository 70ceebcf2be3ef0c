import { toId } from "./ids.js";
import type { accounts } from "../store/schema.js";
import type { GitHubAccount } from "./github-types.js";

export type AccountRow = typeof accounts.$inferInsert;

type AccountLike = Pick<GitHubAccount, "id" | "login" | "type" | "avatar_url"> & { name?: string | null };

/** A user, bot or organization seen anywhere (author, reviewer, owner). */
export function normalizeAccount(account: AccountLike): AccountRow {
  return {
    id: toId(account.id),
    login: account.login,
    type: account.type,
    name: account.name ?? null,
    avatarUrl: account.avatar_url ?? null,
  };
}

function isAccount(account: AccountLike | Record<string, never> | null | undefined): account is AccountLike {
  return typeof account?.id === "number" || typeof account?.id === "bigint";
}

/**
 * The distinct accounts of a batch, last one wins (they carry the same identity). GitHub writes a
 * commit author no account claims as `{}` (or null): no account.
 */
export function collectAccounts(
  accounts: readonly (AccountLike | Record<string, never> | null | undefined)[],
): AccountRow[] {
  const byId = new Map<number, AccountRow>();
  for (const account of accounts)
    if (isAccount(account)) byId.set(toId(account.id), normalizeAccount(account));
  return [...byId.values()];
}
