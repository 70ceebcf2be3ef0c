/**
 * Credentials. Any token is accepted (it authenticates as one of the organization's members,
 * chosen by a hash of the token, so the mapping is stable) until it is revoked; then GitHub
 * answers 401 "Bad credentials". A token minted by the OAuth flow (oauth.ts) authenticates as the
 * person who signed in, an outside contributor included. Authorization may be `token X`,
 * `Bearer X` or Basic.
 */
import type { Account, RepoRecord, World } from "./world-types.js";
import { hash32 } from "./prng.js";

export function tokenFromHeader(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme = "", value = ""] = header.trim().split(/\s+/, 2);
  const kind = scheme.toLowerCase();
  if ((kind === "token" || kind === "bearer") && value) return value;
  if (kind === "basic" && value) {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const password = decoded.slice(decoded.indexOf(":") + 1);
    return password || null;
  }
  return null;
}

export class TokenRegistry {
  private readonly revoked = new Set<string>();
  private readonly users = new Map<string, Account>();

  constructor(private readonly world: World) {}

  isRevoked(token: string): boolean {
    return this.revoked.has(token);
  }

  revoke(token: string): void {
    this.revoked.add(token);
  }

  /** Makes `token` authenticate as `account` (an OAuth token, oauth.ts). */
  bind(token: string, account: Account): void {
    this.users.set(token, account);
  }

  /** The account a token authenticates as. */
  userFor(token: string): Account {
    let user = this.users.get(token);
    if (!user) {
      const members = this.world.members;
      user = members[hash32(token) % members.length] ?? this.world.org;
      this.users.set(token, user);
    }
    return user;
  }
}

/**
 * Whether a person's token reads the repository: public ones, their own, and their organization's
 * private ones when they are a member (outside contributors get GitHub's 404).
 */
export function userCanSee(world: World, viewer: Account, repo: RepoRecord): boolean {
  return !repo.private || repo.owner === viewer || (repo.owner === world.org && viewer.member);
}
