/**
 * The emulated GitHub App: its identity and RSA key (given, or generated on first use — a 2048-bit
 * key costs ~0.2 s, so emulators that never act as an App never pay it), its installations (on an
 * organization or user, all or selected repositories, suspendable) and the installation access
 * tokens minted for them (one hour, optionally narrowed to some repositories).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import type { KeyObject } from "node:crypto";
import type { ResolvedApp } from "./options.js";
import type { Rng } from "./prng.js";
import type { Account, RepoRecord, World } from "./world-types.js";
import { EmulatorError } from "./errors.js";
import { rngFor } from "./prng.js";
import { DAY, HOUR } from "./time.js";

/** What the App may do (granted to every installation and, by default, to every token). */
export const APP_PERMISSIONS: Readonly<Record<string, "read" | "write">> = {
  contents: "read",
  issues: "read",
  metadata: "read",
  pull_requests: "read",
};

/** The events the App subscribes to: the ones the webhook sender produces. */
export const APP_EVENTS: readonly string[] = [
  "issue_comment",
  "issues",
  "pull_request",
  "pull_request_review",
  "push",
  "repository",
];

/** Installation tokens live one hour (GitHub: "expire one hour from the time you create them"). */
export const TOKEN_LIFETIME_S = HOUR;

export interface InstallationRecord {
  id: number;
  account: Account;
  selection: "all" | "selected";
  /** The selected repositories (ids); unused for "all". */
  repoIds: Set<number>;
  createdAt: number;
  updatedAt: number;
  suspendedAt: number | null;
  suspendedBy: Account | null;
  deleted: boolean;
}

/** What an installation access token may do. */
export interface TokenGrant {
  token: string;
  installation: InstallationRecord;
  /** Epoch seconds. */
  expiresAt: number;
  /** The repositories the token was narrowed to at creation, or null: all of the installation's. */
  repoIds: Set<number> | null;
  permissions: Record<string, string>;
}

export class GitHubApp {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly clientId: string;
  /** Epoch seconds. */
  readonly createdAt: number;
  /** The App's bot user: who an installation token authenticates as (`{slug}[bot]`). */
  readonly bot: Account;
  private pem: string | null;
  private key: KeyObject | null = null;
  private readonly installations: InstallationRecord[] = [];
  private readonly grants = new Map<string, TokenGrant>();
  private readonly installationIds: Rng;
  private readonly tokenChars: Rng;
  private lastInstallationId: number;

  constructor(
    private readonly world: World,
    options: ResolvedApp,
    startS: number,
  ) {
    this.id = options.id;
    this.slug = options.slug;
    this.name = options.slug
      .split("-")
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(" ");
    const identity = rngFor(world.seed, "app", options.id, "identity");
    this.clientId = `Iv1.${identity.hex(16)}`;
    this.createdAt = startS - 400 * DAY + identity.int(0, DAY);
    this.bot = {
      id: 140_000_000 + identity.int(0, 50_000_000),
      login: `${options.slug}[bot]`,
      type: "Bot",
      name: null,
      email: null,
      company: null,
      location: null,
      bio: null,
      createdAt: this.createdAt,
      member: false,
    };
    this.installationIds = rngFor(world.seed, "app", options.id, "installations");
    this.lastInstallationId = 40_000_000 + this.installationIds.int(0, 20_000_000);
    this.tokenChars = rngFor(world.seed, "app", options.id, "tokens");
    // Keys kept in environment variables often have their line breaks escaped.
    this.pem = options.privateKey === null ? null : options.privateKey.replace(/\\n/g, "\n");
    if (this.pem !== null) this.key = publicKeyOf(this.pem);
  }

  /** The private key (PEM): the given one, else PKCS#1 like the .pem files GitHub hands out. */
  privateKey(): string {
    if (this.pem === null) {
      const pair = generateKeyPairSync("rsa", {
        modulusLength: 2048,
        publicKeyEncoding: { type: "spki", format: "pem" },
        privateKeyEncoding: { type: "pkcs1", format: "pem" },
      });
      this.pem = pair.privateKey;
      this.key = createPublicKey(pair.publicKey);
    }
    return this.pem;
  }

  /** The key JWTs are verified with; null while none was handed out (no JWT can verify yet). */
  publicKey(): KeyObject | null {
    return this.key;
  }

  // ── installations ──────────────────────────────────────────────────────────

  createInstallation(
    account: Account,
    selection: "all" | "selected",
    repos: readonly RepoRecord[],
    nowS: number,
  ): InstallationRecord {
    if (account.type === "Bot") throw new EmulatorError("invalid", "an App cannot be installed on a bot");
    for (const repo of repos) this.checkOwner(account, repo);
    this.lastInstallationId += this.installationIds.int(1, 5000);
    const installation: InstallationRecord = {
      id: this.lastInstallationId,
      account,
      selection,
      repoIds: new Set(selection === "all" ? [] : repos.map((repo) => repo.id)),
      createdAt: nowS,
      updatedAt: nowS,
      suspendedAt: null,
      suspendedBy: null,
      deleted: false,
    };
    this.installations.push(installation);
    return installation;
  }

  /** A live installation by id, or a not_found error. */
  installation(id: number): InstallationRecord {
    const found = this.find(id);
    if (!found) throw new EmulatorError("not_found", `installation ${id} not found`);
    return found;
  }

  find(id: number): InstallationRecord | undefined {
    return this.installations.find((candidate) => candidate.id === id && !candidate.deleted);
  }

  /** Live installations, by id. */
  list(): InstallationRecord[] {
    return this.installations.filter((installation) => !installation.deleted);
  }

  /** Adds repositories to a "selected" installation; returns those that were not in it yet. */
  addRepositories(
    installation: InstallationRecord,
    repos: readonly RepoRecord[],
    nowS: number,
  ): RepoRecord[] {
    if (installation.selection === "all")
      throw new EmulatorError("invalid", `installation ${installation.id} already covers all repositories`);
    const added: RepoRecord[] = [];
    for (const repo of repos) {
      this.checkOwner(installation.account, repo);
      if (!installation.repoIds.has(repo.id) && !added.includes(repo)) added.push(repo);
    }
    for (const repo of added) installation.repoIds.add(repo.id);
    if (added.length > 0) installation.updatedAt = nowS;
    return added;
  }

  /**
   * Removes repositories; an "all" installation becomes "selected" with the rest (as on GitHub
   * when an owner narrows it). Returns those that were in it.
   */
  removeRepositories(
    installation: InstallationRecord,
    repos: readonly RepoRecord[],
    nowS: number,
  ): RepoRecord[] {
    const current = this.repositories(installation);
    const removed = current.filter((repo) => repos.includes(repo));
    if (removed.length === 0) return removed;
    if (installation.selection === "all") {
      installation.selection = "selected";
      installation.repoIds = new Set(current.map((repo) => repo.id));
    }
    for (const repo of removed) installation.repoIds.delete(repo.id);
    installation.updatedAt = nowS;
    return removed;
  }

  /** Deletes the installation; its tokens answer 401 afterwards. */
  deleteInstallation(installation: InstallationRecord): void {
    installation.deleted = true;
  }

  suspend(installation: InstallationRecord, by: Account, nowS: number): void {
    installation.suspendedAt = nowS;
    installation.suspendedBy = by;
    installation.updatedAt = nowS;
  }

  unsuspend(installation: InstallationRecord, nowS: number): void {
    installation.suspendedAt = null;
    installation.suspendedBy = null;
    installation.updatedAt = nowS;
  }

  /** The repositories an installation covers now (live ones its account owns), by id. */
  repositories(installation: InstallationRecord): RepoRecord[] {
    if (installation.deleted) return [];
    return this.world.repos.filter((repo) => this.covers(installation, repo)).sort((a, b) => a.id - b.id);
  }

  /** Whether the installation covers the repository (`evenDeleted`: as it was before a deletion). */
  covers(installation: InstallationRecord, repo: RepoRecord, evenDeleted = false): boolean {
    return (
      !installation.deleted &&
      (evenDeleted || !repo.deleted) &&
      repo.owner === installation.account &&
      (installation.selection === "all" || installation.repoIds.has(repo.id))
    );
  }

  /**
   * The installation whose App hook gets the repository's events: the first live one that is not
   * suspended and covers it (GitHub delivers nothing to a suspended installation). A deleted
   * repository's last event (repository deleted) still goes to its installation.
   */
  activeInstallationFor(repo: RepoRecord): InstallationRecord | undefined {
    return this.installations.find(
      (installation) => installation.suspendedAt === null && this.covers(installation, repo, true),
    );
  }

  // ── installation access tokens ─────────────────────────────────────────────

  /** Mints a token: "ghs_" and 36 characters (seeded), valid one hour. */
  mintToken(
    installation: InstallationRecord,
    nowS: number,
    narrow: { repoIds: Set<number> | null; permissions: Record<string, string> },
  ): TokenGrant {
    let token = "";
    do {
      token = `ghs_${this.tokenChars.alphanumeric(36)}`;
    } while (this.grants.has(token));
    const grant: TokenGrant = {
      token,
      installation,
      expiresAt: nowS + TOKEN_LIFETIME_S,
      repoIds: narrow.repoIds,
      permissions: narrow.permissions,
    };
    this.grants.set(token, grant);
    return grant;
  }

  /** The grant of an installation token, or undefined for any other token. */
  grant(token: string): TokenGrant | undefined {
    return this.grants.get(token);
  }

  /** Whether a token may see the repository (404 otherwise, as on GitHub). */
  canSee(grant: TokenGrant, repo: RepoRecord): boolean {
    return this.covers(grant.installation, repo) && (grant.repoIds === null || grant.repoIds.has(repo.id));
  }

  /** Installations' repositories must belong to the installation's account. */
  private checkOwner(account: Account, repo: RepoRecord): void {
    if (repo.owner !== account)
      throw new EmulatorError(
        "invalid",
        `${repo.owner.login}/${repo.name} is not owned by ${account.login}, the installation's account`,
      );
  }
}

/** Parses a PEM private key (PKCS#1 or PKCS#8, RSA) and returns its public key. */
function publicKeyOf(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new RangeError(
      `emulator option app.privateKey: not a PEM private key (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (key.asymmetricKeyType !== "rsa")
    throw new RangeError(
      `emulator option app.privateKey: an RSA key is required, got ${key.asymmetricKeyType}`,
    );
  return createPublicKey(key);
}
