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

/** The distinct accounts of a batch, last one wins (they carry the same identity). */
export function collectAccounts(accounts: readonly (AccountLike | null | undefined)[]): AccountRow[] {
  const byId = new Map<number, AccountRow>();
  for (const account of accounts) if (account) byId.set(toId(account.id), normalizeAccount(account));
  return [...byId.values()];
}
