/**
 * Private repositories are shown to a member only as GitHub shows them to that person: their own
 * OAuth token (from "Sign in with GitHub") must read the repository. GitHub is asked once per
 * person and repository within `ttlMs` (default 10 minutes): a person who loses access stops seeing
 * it within that time. Admins and automation see everything; public repositories are everyone's.
 */
import type { Role } from "../contract/enums.js";
import { tokenCanRead, type Fetch } from "../github/oauth.js";
import type { Db } from "../store/database.js";
import { githubTokenOf } from "../store/sign-ins.js";
import { privateRepositories, type HiddenRepository } from "../store/hidden-repositories.js";
import { findRepositoryByName } from "../store/tracking.js";
import { SecretBox } from "../util/secret-box.js";

export const ACCESS_TTL_MS = 10 * 60_000;

export interface Viewer {
  userId: number | null;
  role: Role;
}

export interface VisibilityEnv {
  db: Db;
  apiUrl: string;
  secrets: SecretBox | undefined;
  fetch?: Fetch;
  now?: () => number;
  ttlMs?: number;
}

export class RepoVisibility {
  private readonly answers = new Map<string, { allowed: boolean; expiresAt: number }>();

  constructor(private readonly env: VisibilityEnv) {}

  /** Whether `viewer` may see the repository's data (an unknown repository: yes, its 404 follows). */
  async canSee(viewer: Viewer, fullName: string): Promise<boolean> {
    if (viewer.role === "admin") return true;
    const repository = await findRepositoryByName(this.env.db, fullName);
    if (!repository?.private) return true;
    if (viewer.userId === null) return false;
    const key = `${viewer.userId}:${repository.id}`;
    const now = (this.env.now ?? Date.now)();
    const cached = this.answers.get(key);
    if (cached && cached.expiresAt > now) return cached.allowed;
    const allowed = await this.askGitHub(viewer.userId, repository.fullName);
    this.answers.set(key, { allowed, expiresAt: now + (this.env.ttlMs ?? ACCESS_TTL_MS) });
    return allowed;
  }

  /** The private repositories `viewer` may not see: left out of their counts, lists and metrics. */
  async hiddenFrom(viewer: Viewer): Promise<HiddenRepository[]> {
    if (viewer.role === "admin") return [];
    const candidates = await privateRepositories(this.env.db);
    const seen = await Promise.all(candidates.map((repo) => this.canSee(viewer, repo.fullName)));
    return candidates.filter((_repo, index) => !seen[index]);
  }

  /** The items of `items` that `viewer` may see, in order. */
  async filter<T>(viewer: Viewer, items: readonly T[], nameOf: (item: T) => string): Promise<T[]> {
    const seen = await Promise.all(items.map((item) => this.canSee(viewer, nameOf(item))));
    return items.filter((_item, index) => seen[index]);
  }

  private async askGitHub(userId: number, fullName: string): Promise<boolean> {
    const stored = await githubTokenOf(this.env.db, userId);
    if (stored === null) return false;
    // One stored before GHSYNC_SECRET_KEY was set is plain (`secrets rotate` seals it). A sealed
    // one without the key reads nothing until the person signs in again.
    const sealed = SecretBox.isSealed(stored);
    if (sealed && !this.env.secrets) return false;
    const token = sealed && this.env.secrets ? this.env.secrets.open(stored) : stored;
    return tokenCanRead(this.env.fetch ?? fetch, this.env.apiUrl, token, fullName);
  }
}
