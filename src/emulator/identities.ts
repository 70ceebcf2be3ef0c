/**
 * The git identity an account commits with: its primary one when it has one, else GitHub's
 * noreply address (what the web interface writes for merges, pushes and edits).
 */
import type { Account, Identity } from "./world-types.js";

export function identityOf(identities: ReadonlyMap<Account, Identity>, account: Account): Identity {
  return (
    identities.get(account) ?? {
      name: account.login,
      email: `${account.id}+${account.login}@users.noreply.github.com`,
      account,
    }
  );
}
