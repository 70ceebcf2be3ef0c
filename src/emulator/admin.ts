/**
 * The in-process handle on the emulated GitHub: read the truth as plain data, read request
 * counters, and change the world the way activity on GitHub would (each change moves updated_at
 * like GitHub does). The HTTP admin routes (/_emulator/…) call the same methods.
 */
import type { Account, Identity, IssueRecord, RepoRecord, StateReason, World } from "./world-types.js";
import type { Faults, FaultSettings, FaultUpdate } from "./faults.js";
import type { RequestStats, TokenStats } from "./request-stats.js";
import type { TokenRegistry } from "./tokens.js";
import type {
  TruthComment,
  TruthCommit,
  TruthContributor,
  TruthCounts,
  TruthIssue,
  TruthPull,
  TruthRepository,
  TruthReview,
} from "./truth-types.js";
import type {
  CommentSpec,
  CommitSpec,
  EmulatorChange,
  EmulatorStats,
  ForcePushSpec,
  IssuePatch,
  IssueSpec,
  PullPatch,
  PullSpec,
  RepoRef,
  ReviewSpec,
} from "./admin-types.js";
import { accountInput, countInput, identityInput } from "./admin-input.js";
import { EmulatorError } from "./errors.js";
import { randomChange } from "./activity.js";
import * as history from "./mutate-history.js";
import * as issues from "./mutate-issues.js";
import * as pulls from "./mutate-pulls.js";
import * as repos from "./mutate-repository.js";
import { issueTitle, pullTitle } from "./text-pools.js";
import {
  truthComment,
  truthCommit,
  truthContributor,
  truthCounts,
  truthIssue,
  truthPull,
  truthRepository,
  truthReview,
} from "./truth.js";
import { contributions, fullName, lookupRepo, repoById } from "./world-queries.js";
import { iso } from "./time.js";

export interface AdminDeps {
  stats: RequestStats;
  faults: Faults;
  tokens: TokenRegistry;
}

export class EmulatorAdmin {
  private readonly listeners = new Set<(change: EmulatorChange) => void>();

  constructor(
    private readonly world: World,
    private readonly deps: AdminDeps,
  ) {}

  // ── truth ────────────────────────────────────────────────────────────────

  /** Emulator time (the start time plus the time elapsed since). */
  now(): Date {
    return new Date(this.world.now() * 1000);
  }

  /** Every repository that exists (any owner), in creation order. */
  repositories(): TruthRepository[] {
    return this.world.repos.filter((repo) => !repo.deleted).map(truthRepository);
  }

  repository(ref: RepoRef): TruthRepository {
    return truthRepository(this.repo(ref));
  }

  /** Commits on the default branch, newest first. */
  commits(ref: RepoRef): TruthCommit[] {
    return [...this.repo(ref).branch].reverse().map(truthCommit);
  }

  /** Pull requests by number. */
  pulls(ref: RepoRef): TruthPull[] {
    const repo = this.repo(ref);
    return repo.threads
      .filter((thread) => thread.pull && !thread.deleted)
      .map((thread) => truthPull(repo, thread));
  }

  /** Reviews of one pull request, or of all (by pull number, then chronological). */
  reviews(ref: RepoRef, number?: number): TruthReview[] {
    const threads = this.repo(ref).threads.filter(
      (thread) => number === undefined || thread.number === number,
    );
    return threads.flatMap((thread) =>
      (thread.pull?.reviews ?? []).map((review) => truthReview(thread.number, review)),
    );
  }

  /** Issues that are not pull requests (deleted ones excluded), by number. */
  issues(ref: RepoRef): TruthIssue[] {
    return this.repo(ref)
      .threads.filter((thread) => !thread.pull && !thread.deleted)
      .map(truthIssue);
  }

  /** Issue comments (on issues and pull requests), ascending id. */
  comments(ref: RepoRef): TruthComment[] {
    const repo = this.repo(ref);
    return repo.comments.map((comment) => truthComment(repo, comment));
  }

  /** Default-branch authors by contributions, descending (anonymous ones only with `anon`). */
  contributors(ref: RepoRef, options: { anon?: boolean } = {}): TruthContributor[] {
    return contributions(this.repo(ref))
      .filter((entry) => options.anon || entry.account !== null)
      .map(truthContributor);
  }

  /** Totals with the keys of `ghsync stats --json`, for one repository or all. */
  counts(ref?: RepoRef): TruthCounts {
    return truthCounts(ref === undefined ? this.live() : [this.repo(ref)]);
  }

  stats(): EmulatorStats {
    return {
      truth: this.counts(),
      repositories: Object.fromEntries(this.live().map((repo) => [fullName(repo), truthCounts([repo])])),
      requests: this.requestStats(),
      faults: this.faults(),
    };
  }

  /** Counters per token ("anonymous" without one). */
  requestStats(): Record<string, TokenStats> {
    return this.deps.stats.snapshot();
  }

  resetRequestStats(): void {
    this.deps.stats.reset();
  }

  // ── commits ──────────────────────────────────────────────────────────────

  addCommits(ref: RepoRef, spec: CommitSpec = {}): TruthCommit[] {
    const repo = this.repo(ref);
    const count = this.count("count", spec.count ?? 1);
    const added = history.addCommits(this.world, repo, count, this.identity(spec.author), spec.message);
    this.emit("push", "pushed", repo);
    return added.map(truthCommit);
  }

  /** Drops the last `drop` commits of the default branch and pushes `add` new ones. */
  forcePush(ref: RepoRef, spec: ForcePushSpec): { removed: string[]; added: TruthCommit[] } {
    const repo = this.repo(ref);
    const { removed, added } = history.forcePush(
      this.world,
      repo,
      this.count("drop", spec.drop),
      this.count("add", spec.add),
      this.identity(spec.author),
    );
    this.emit("push", "forced", repo);
    return { removed: removed.map((commit) => commit.sha), added: added.map(truthCommit) };
  }

  // ── pull requests ────────────────────────────────────────────────────────

  openPull(ref: RepoRef, spec: PullSpec = {}): TruthPull {
    const repo = this.repo(ref);
    const thread = pulls.openPull(this.world, repo, {
      title: spec.title ?? pullTitle(this.world.rng),
      body: spec.body === undefined ? null : spec.body,
      author: this.account(spec.author),
      draft: spec.draft ?? false,
      labels: spec.labels ?? [],
    });
    return this.pullChanged(repo, thread, "opened");
  }

  editPull(ref: RepoRef, number: number, patch: PullPatch): TruthPull {
    const repo = this.repo(ref);
    return this.pullChanged(repo, pulls.editPull(this.world, repo, number, patch), "edited");
  }

  mergePull(ref: RepoRef, number: number, options: { by?: string } = {}): TruthPull {
    const repo = this.repo(ref);
    const thread = pulls.mergePull(this.world, repo, number, this.account(options.by));
    this.emit("push", "pushed", repo);
    return this.pullChanged(repo, thread, "closed");
  }

  closePull(ref: RepoRef, number: number, options: { by?: string } = {}): TruthPull {
    const repo = this.repo(ref);
    return this.pullChanged(
      repo,
      pulls.closePull(this.world, repo, number, this.account(options.by)),
      "closed",
    );
  }

  reopenPull(ref: RepoRef, number: number): TruthPull {
    const repo = this.repo(ref);
    return this.pullChanged(repo, pulls.reopenPull(this.world, repo, number), "reopened");
  }

  addReview(ref: RepoRef, number: number, spec: ReviewSpec): TruthReview {
    const repo = this.repo(ref);
    if (!pulls.REVIEW_STATES.includes(spec.state))
      throw new EmulatorError("invalid", `invalid review state ${JSON.stringify(spec.state)}`);
    const review = pulls.addReview(this.world, repo, number, {
      state: spec.state,
      author: this.account(spec.author),
      body: spec.body ?? (spec.state === "APPROVED" ? "" : "Review comment"),
    });
    this.emit("pull_request_review", "submitted", repo, number, review.id);
    return truthReview(number, review);
  }

  dismissReview(ref: RepoRef, number: number, reviewId: number): TruthReview {
    const repo = this.repo(ref);
    const review = pulls.dismissReview(this.world, repo, number, reviewId);
    this.emit("pull_request_review", "dismissed", repo, number, review.id);
    return truthReview(number, review);
  }

  // ── issues and comments ──────────────────────────────────────────────────

  openIssue(ref: RepoRef, spec: IssueSpec = {}): TruthIssue {
    const repo = this.repo(ref);
    const thread = issues.openIssue(this.world, repo, {
      title: spec.title ?? issueTitle(this.world.rng),
      body: spec.body === undefined ? null : spec.body,
      author: this.account(spec.author),
      labels: spec.labels ?? [],
    });
    return this.issueChanged(repo, thread, "opened");
  }

  editIssue(ref: RepoRef, number: number, patch: IssuePatch): TruthIssue {
    const repo = this.repo(ref);
    const assignees = patch.assignees?.map((login) => this.account(login));
    const thread = issues.editIssue(this.world, repo, number, { ...patch, assignees });
    return this.issueChanged(repo, thread, "edited");
  }

  closeIssue(
    ref: RepoRef,
    number: number,
    options: { reason?: "completed" | "not_planned"; by?: string } = {},
  ): TruthIssue {
    const repo = this.repo(ref);
    const reason: StateReason = options.reason === "not_planned" ? "not_planned" : "completed";
    return this.issueChanged(
      repo,
      issues.closeIssue(this.world, repo, number, this.account(options.by), reason),
      "closed",
    );
  }

  reopenIssue(ref: RepoRef, number: number): TruthIssue {
    const repo = this.repo(ref);
    return this.issueChanged(repo, issues.reopenIssue(this.world, repo, number), "reopened");
  }

  /** GitHub answers 410 Gone for a deleted issue; pull requests cannot be deleted. */
  deleteIssue(ref: RepoRef, number: number): void {
    const repo = this.repo(ref);
    const thread = issues.deleteIssue(repo, number);
    this.emit("issues", "deleted", repo, thread.number, thread.id);
  }

  /** A comment on an issue or a pull request's conversation. */
  addComment(ref: RepoRef, number: number, spec: CommentSpec = {}): TruthComment {
    const repo = this.repo(ref);
    const comment = issues.addComment(
      this.world,
      repo,
      number,
      this.account(spec.author),
      spec.body ?? "Comment from the emulator admin.",
    );
    this.emit("issue_comment", "created", repo, number, comment.id);
    return truthComment(repo, comment);
  }

  editComment(ref: RepoRef, commentId: number, spec: { body: string }): TruthComment {
    const repo = this.repo(ref);
    const comment = issues.editComment(this.world, repo, commentId, spec.body);
    this.emit("issue_comment", "edited", repo, comment.issueNumber, comment.id);
    return truthComment(repo, comment);
  }

  deleteComment(ref: RepoRef, commentId: number): void {
    const repo = this.repo(ref);
    const comment = issues.deleteComment(this.world, repo, commentId);
    this.emit("issue_comment", "deleted", repo, comment.issueNumber, comment.id);
  }

  // ── repositories ─────────────────────────────────────────────────────────

  editRepository(ref: RepoRef, patch: repos.EditRepository): TruthRepository {
    const repo = repos.editRepository(this.world, this.repo(ref), patch);
    this.emit("repository", "edited", repo);
    return truthRepository(repo);
  }

  /** The old name answers 301 → /repositories/{id}/… afterwards. */
  renameRepository(ref: RepoRef, name: string): TruthRepository {
    const repo = repos.renameRepository(this.world, this.repo(ref), name);
    this.emit("repository", "renamed", repo);
    return truthRepository(repo);
  }

  transferRepository(ref: RepoRef, newOwner: string): TruthRepository {
    const repo = repos.transferRepository(this.world, this.repo(ref), newOwner);
    this.emit("repository", "transferred", repo);
    return truthRepository(repo);
  }

  /** 404 under every name and id afterwards. */
  deleteRepository(ref: RepoRef): void {
    const repo = repos.deleteRepository(this.repo(ref));
    this.emit("repository", "deleted", repo);
  }

  // ── tokens and faults ────────────────────────────────────────────────────

  /** The token answers 401 "Bad credentials" afterwards. */
  revokeToken(token: string): void {
    this.deps.tokens.revoke(token);
  }

  /** Login of the member a token authenticates as. */
  userForToken(token: string): string {
    return this.deps.tokens.userFor(token).login;
  }

  /** Changes latency, fault rate, concurrency limit, or queues secondary limits / failures. */
  setFaults(update: FaultUpdate): FaultSettings {
    try {
      return this.deps.faults.update(update);
    } catch (error) {
      throw new EmulatorError("invalid", error instanceof Error ? error.message : String(error));
    }
  }

  faults(): FaultSettings {
    return this.deps.faults.snapshot();
  }

  /** Performs `steps` random changes like `--activity` does; returns the change events. */
  simulateActivity(steps = 1): EmulatorChange[] {
    const changes: EmulatorChange[] = [];
    for (let i = 0; i < this.count("steps", steps); i++) changes.push(...randomChange(this, this.world.rng));
    return changes;
  }

  /** Listens to every change; returns the unsubscribe function. */
  subscribe(listener: (change: EmulatorChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ── helpers ──────────────────────────────────────────────────────────────

  /** A live repository by "owner/name" or id, or a not_found error. */
  private repo(ref: RepoRef): RepoRecord {
    const repo =
      typeof ref === "number"
        ? repoById(this.world, ref)
        : (() => {
            const [owner = "", name = ""] = ref.split("/");
            const found = lookupRepo(this.world, owner, name);
            return found.kind === "found" ? found.repo : undefined;
          })();
    if (!repo) throw new EmulatorError("not_found", `repository ${String(ref)} not found`);
    return repo;
  }

  /** @internal The organization's repositories live activity may touch (not archived, not deleted). */
  activeRepos(): RepoRecord[] {
    return this.world.repos.filter(
      (repo) => !repo.deleted && !repo.archived && repo.owner === this.world.org,
    );
  }

  private live(): RepoRecord[] {
    return this.world.repos.filter((repo) => !repo.deleted);
  }

  private count(name: string, value: number): number {
    return countInput(name, value);
  }

  private account(login: string | undefined): Account {
    return accountInput(this.world, login);
  }

  private identity(author: string | undefined): () => Identity {
    return identityInput(this.world, author);
  }

  private pullChanged(repo: RepoRecord, thread: IssueRecord, action: string): TruthPull {
    this.emit("pull_request", action, repo, thread.number, thread.pull?.id);
    return truthPull(repo, thread);
  }

  private issueChanged(repo: RepoRecord, thread: IssueRecord, action: string): TruthIssue {
    this.emit("issues", action, repo, thread.number, thread.id);
    return truthIssue(thread);
  }

  private emit(
    type: EmulatorChange["type"],
    action: string,
    repo: RepoRecord,
    number?: number,
    id?: number,
  ): void {
    const change: EmulatorChange = {
      type,
      action,
      repository: { id: repo.id, full_name: fullName(repo) },
      at: iso(this.world.now()),
    };
    if (number !== undefined) change.number = number;
    if (id !== undefined) change.id = id;
    for (const listener of this.listeners) listener(change);
  }
}
