/** Resolves admin input (counts, logins, "Name <email>" authors) to world values, or a 422. */
import { identityOf } from "./identities.js";
import type { Account, Identity, World } from "./world-types.js";
import { EmulatorError } from "./errors.js";

export function countInput(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 1_000_000) {
    throw new EmulatorError("invalid", `${name}: expected an integer 0..1000000`);
  }
  return value;
}

/** A user or bot by login; a random member when none is given. */
export function accountInput(world: World, login: string | undefined): Account {
  if (login === undefined) return world.rng.pick(world.members);
  const found = world.accounts.get(login.toLowerCase());
  if (!found || found.type === "Organization")
    throw new EmulatorError("invalid", `unknown user ${JSON.stringify(login)}`);
  return found;
}

/** A commit author: a random member per commit, a login, or "Name <email>" (maybe no account). */
export function identityInput(world: World, author: string | undefined): () => Identity {
  const raw = author === undefined ? null : /^(.*?)\s*<([^>]+)>$/.exec(author);
  if (raw) {
    const email = (raw[2] ?? "").trim();
    const owner = [...world.identities.values()].find(
      (identity) => identity.email.toLowerCase() === email.toLowerCase(),
    );
    const identity: Identity = {
      name: (raw[1] ?? "").trim() || email,
      email,
      account: owner?.account ?? null,
    };
    return () => identity;
  }
  if (author !== undefined) accountInput(world, author);
  return () => identityOf(world.identities, accountInput(world, author));
}
