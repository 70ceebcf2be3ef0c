/**
 * The tokens ghsync may spend, pooled by remaining budget: every request takes the usable
 * credential with the most points left; below the threshold a credential rests until its reset,
 * and when all rest the request waits (never exceeds a limit). A rejected token (401) is taken
 * out of the pool with a one-line message naming it; its work moves to the others.
 * Budgets are kept per rate-limit resource: GitHub counts REST (`core`) and GraphQL (`graphql`)
 * points apart, so a token spent on one may still serve the other.
 */
import { createHash } from "node:crypto";
import { GhsyncError } from "../util/errors.js";

export interface Credential {
  /** Stable name for messages: "GITHUB_TOKEN #2", "installation 42". Never the token itself. */
  readonly label: string;
  /** Identifies it in the database without storing it (sha256 prefix of a token). */
  readonly fingerprint: string;
  /** A personal access token, or how to get the current installation token (refreshed before expiry). */
  readonly token: string | (() => Promise<string>);
  /** Set for a GitHub App installation's credential (its row is retired when the installation goes). */
  readonly installationId?: number;
  id?: number;
  rejected?: string;
}

export interface Budget {
  limit: number;
  remaining: number;
  used: number;
  resetAt: Date;
}

export function fingerprintOf(token: string): string {
  return createHash("sha256").update(token).digest("hex").slice(0, 16);
}

export function credentialsFromTokens(tokens: readonly string[]): Credential[] {
  return tokens.map((token, index) => ({
    label: `GITHUB_TOKEN #${index + 1}`,
    fingerprint: fingerprintOf(token),
    token,
  }));
}

/** A personal access token's primary limit on github.com (points an hour). */
const TOKEN_HOURLY_LIMIT = 5_000;

export type Choice = { credential: Credential } | { waitUntil: Date };

/** GitHub's rate-limit resources ghsync spends: REST, GraphQL and search are counted apart. */
export type RateResource = "core" | "graphql" | "search";

function keyOf(credential: Credential, resource: string): string {
  return `${credential.fingerprint}:${resource}`;
}

export class CredentialPool {
  private readonly budgets = new Map<string, Budget>();
  private readonly inFlight = new Map<string, number>();

  constructor(
    readonly credentials: readonly Credential[],
    private readonly threshold = 100,
    private readonly now: () => number = Date.now,
  ) {}

  /** The credential to use now, or when to try again if every usable one is below the threshold. */
  choose(resource: RateResource = "core"): Choice {
    if (this.credentials.length === 0) {
      throw new GhsyncError(
        "no_credentials",
        "no GitHub credential: set GITHUB_TOKEN (several may be given, comma-separated), or GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY",
      );
    }
    const usable = this.credentials.filter((credential) => credential.rejected === undefined);
    if (usable.length === 0) {
      const reasons = this.credentials.map((credential) => credential.rejected);
      const message =
        reasons.length === 1 ? reasons[0] : `every GitHub token was rejected: ${reasons.join("; ")}`;
      throw new GhsyncError("auth_failed", message as string, { status: 502 });
    }
    let best: Credential | undefined;
    let bestRemaining = -1;
    let earliestReset: Date | undefined;
    for (const credential of usable) {
      const budget = this.budgets.get(keyOf(credential, resource));
      const resetPassed = budget !== undefined && budget.resetAt.getTime() <= this.now();
      const inFlight = this.inFlight.get(keyOf(credential, resource)) ?? 0;
      const remaining =
        budget === undefined || resetPassed ? Number.MAX_SAFE_INTEGER : budget.remaining - inFlight;
      // A tiny limit (tests, small installations) rests at 0, not at a threshold above the limit.
      const floor = budget ? Math.min(this.threshold, Math.floor(budget.limit / 10)) : 0;
      if (remaining > floor && remaining > bestRemaining) {
        best = credential;
        bestRemaining = remaining;
      } else if (budget && remaining <= floor && (!earliestReset || budget.resetAt < earliestReset)) {
        earliestReset = budget.resetAt;
      }
    }
    if (best) return { credential: best };
    return { waitUntil: earliestReset ?? new Date(this.now() + 1_000) };
  }

  /**
   * Records what a response's `x-ratelimit-*` headers say of a credential's budget. Within
   * one window the lowest reading wins: responses arrive out of order, and reservations for
   * requests still in flight must not be undone by an older reading. A reading of an earlier
   * window (a request counted just before the reset, answered after the new window's first
   * ones) is ignored: its past reset would make the budget look fresh and unlimited.
   */
  record(credential: Credential, budget: Budget, resource: string = "core"): void {
    const key = keyOf(credential, resource);
    const known = this.budgets.get(key);
    if (known && budget.resetAt.getTime() < known.resetAt.getTime()) return;
    if (known && known.resetAt.getTime() === budget.resetAt.getTime() && known.remaining < budget.remaining)
      return;
    this.budgets.set(key, { ...budget });
  }

  /** A request leaves on this credential: it may cost a point the last reading does not show yet. */
  reserve(credential: Credential, resource: RateResource = "core"): void {
    const key = keyOf(credential, resource);
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
  }

  /** Its response (or failure) is in: the next reading tells what it cost. */
  release(credential: Credential, resource: RateResource = "core"): void {
    const key = keyOf(credential, resource);
    this.inFlight.set(key, Math.max(0, (this.inFlight.get(key) ?? 0) - 1));
  }

  budgetOf(credential: Credential, resource: RateResource = "core"): Budget | undefined {
    return this.budgets.get(keyOf(credential, resource));
  }

  /**
   * The points an hour the usable credentials have together: each one's limit as GitHub last
   * said it, or GitHub's 5,000 for a token until a response says otherwise.
   */
  hourlyPoints(): number {
    return this.credentials
      .filter((credential) => credential.rejected === undefined)
      .reduce((sum, credential) => sum + (this.budgetOf(credential)?.limit ?? TOKEN_HOURLY_LIMIT), 0);
  }

  /** Takes a credential out of the pool; returns the one-line message for the user. */
  reject(credential: Credential, status: number): string {
    const message = `${credential.label} was rejected by GitHub (${status}): it is revoked, expired or lacks access; replace it`;
    credential.rejected = message;
    return message;
  }
}
