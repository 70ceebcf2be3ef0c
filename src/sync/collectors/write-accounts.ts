import { collectAccounts } from "../../normalize/normalize-account.js";
import type { GitHubAccount } from "../../normalize/github-types.js";
import type { Db } from "../../store/database.js";
import { accounts } from "../../store/schema.js";
import { upsertRows } from "../../store/upsert.js";

type AccountLike = Pick<GitHubAccount, "id" | "login" | "type" | "avatar_url">;

/** Upserts the accounts a page mentions (authors, reviewers), so rows can join to logins. */
export async function writeAccounts(
  tx: Db,
  people: readonly (AccountLike | null | undefined)[],
): Promise<void> {
  await upsertRows(tx, accounts, collectAccounts(people), { key: [accounts.id] });
}
