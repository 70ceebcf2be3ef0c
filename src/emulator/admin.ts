/**
 * The in-process handle on the emulated GitHub: read the truth as plain data, read request
 * counters, and change the world the way activity on GitHub would (each change moves updated_at
 * like GitHub does). The HTTP admin routes (/_emulator/…) call the same methods.
 */
import type {
  Account,
  CommentRecord,
  CommitRecord,
  Identity,
  IssueRecord,
  MergeMethod,
  RepoRecord,
  StateReason,
  World,
} from "./world-types.js";
import type { ChangeDetails, ChangeRecord } from "./change-record.js";
import type { Faults, FaultSettings, FaultUpdate } from "./faults.js";
import type { RequestStats, TokenStats } from "./request-stats.js";
import type { TokenRegistry } from "./tokens.js";
import type { GitHubApp, InstallationRecord } from "./github-app.js";
import type { WebhookDelivery, WebhookSender, WebhookStats } from "./webhook-sender.js";
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
  AppInfo,
  CommentSpec,
  CommitSpec,
  EmulatorChange,
  EmulatorStats,
  ForcePushSpec,
  InstallationSpec,
  InstallationToken,
  TruthInstallation,
  IssuePatch,
  IssueSpec,
  PullPatch,
  PullPushSpec,
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
import { pushToPull } from "./mutate-pull-branch.js";
import { identityOf } from "./identities.js";
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
import { fullName, lookupRepo, repoById, threadOf } from "./world-queries.js";
import { servedContributions } from "./contributors-list.js";
import { emptyWebhookStats } from "./webhook-sender.js";
import { APP_PERMISSIONS } from "./github-app.js";
import { installationPayload, installationRepositoriesPayload } from "./render-app.js";
import { NULL_SHA } from "./webhook-payloads.js";
import { iso } from "./time.js";
import type { DeliveryHost } from "./admin-delivery.js";
import type { ReleaseInput } from "./admin-records.js";
import type {
  DeliveryRecords,
  TruthDeliveryCounts,
  TruthDeployment,
  TruthRelease,
  TruthReviewComment,
  TruthTeam,
  TruthWorkflowRun,
} from "./truth-delivery.js";
import type { DeploymentRecord, TeamRecord, TeamRole } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { ciJobs, deployWork, rerunWorkflowRun, startWorkflowRun } from "./admin-delivery.js";
import * as records from "./admin-records.js";
import {
  deliveryCounts,
  deliveryRecords,
  liveReviewComments,
  truthDeployment,
  truthRelease,
  truthReviewComment,
  truthTeam,
  truthWorkflowRun,
} from "./truth-delivery.js";
import { membershipPayload, teamPayload } from "./webhook-payloads-delivery.js";
import { organization } from "./webhook-payloads.js";

export interface AdminDeps {
  stats: RequestStats;
  faults: Faults;
  tokens: TokenRegistry;
  /** Set when the emulator was started with a webhook URL. */
  webhooks?: WebhookSender | null;
  /** The GitHub App; without one (tests constructing an admin by hand) the App methods throw. */
  app?: GitHubApp;
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

  /** The world's people (members first), who can "Sign in with GitHub" by their login. */
  people(): { login: string; id: number; member: boolean }[] {
    return this.world.humans.map((human) => ({ login: human.login, id: human.id, member: human.member }));
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
      .map((thread) => truthPull(this.world, repo, thread));
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

  /** The contributors list as served (cached, see contributors-list.ts); anonymous ones with `anon`. */
  contributors(ref: RepoRef, options: { anon?: boolean } = {}): TruthContributor[] {
    return servedContributions(this.world, this.repo(ref))
      .filter((entry) => options.anon || entry.account !== null)
      .map(truthContributor);
  }

  /** Totals with the keys of `ghsync stats --json`, for one repository or all. */
  counts(ref?: RepoRef): TruthCounts {
    return truthCounts(this.world, ref === undefined ? this.live() : [this.repo(ref)]);
  }

  stats(): EmulatorStats {
    return {
      truth: this.counts(),
      repositories: Object.fromEntries(
        this.live().map((repo) => [fullName(repo), truthCounts(this.world, [repo])]),
      ),
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
    const before = head(repo);
    const added = history.addCommits(this.world, repo, count, this.identity(spec.author), spec.message);
    this.pushed(repo, "pushed", before, added, false, null);
    this.ciOnPush(repo, added);
    return added.map(truthCommit);
  }

  /** Drops the last `drop` commits of the default branch and pushes `add` new ones. */
  forcePush(ref: RepoRef, spec: ForcePushSpec): { removed: string[]; added: TruthCommit[] } {
    const repo = this.repo(ref);
    const before = head(repo);
    const { removed, added } = history.forcePush(
      this.world,
      repo,
      this.count("drop", spec.drop),
      this.count("add", spec.add),
      this.identity(spec.author),
    );
    this.pushed(repo, "forced", before, added, true, null);
    this.ciOnPush(repo, added);
    return { removed: removed.map((commit) => commit.sha), added: added.map(truthCommit) };
  }

  // ── pull requests ────────────────────────────────────────────────────────

  openPull(ref: RepoRef, spec: PullSpec = {}): TruthPull {
    const repo = this.repo(ref);
    const title = spec.title ?? pullTitle(this.world.rng);
    const author = this.account(spec.author);
    const thread = pulls.openPull(this.world, repo, {
      title,
      body: spec.body === undefined ? null : spec.body,
      author,
      draft: spec.draft ?? false,
      labels: spec.labels ?? [],
    });
    return this.pullChanged(repo, thread, "opened", author);
  }

  editPull(ref: RepoRef, number: number, patch: PullPatch): TruthPull {
    const repo = this.repo(ref);
    const previous = this.textOf(repo, number);
    const seen = threadOf(repo, number)?.events.length ?? 0;
    const wasDraft = threadOf(repo, number)?.pull?.draft;
    const thread = pulls.editPull(this.world, repo, number, patch);
    this.edited("pull_request", repo, thread, previous, seen, false);
    if (thread.pull && wasDraft !== thread.pull.draft)
      this.pullChanged(
        repo,
        thread,
        thread.pull.draft ? "converted_to_draft" : "ready_for_review",
        thread.user,
      );
    return truthPull(this.world, repo, thread);
  }

  mergePull(ref: RepoRef, number: number, options: { by?: string; method?: MergeMethod } = {}): TruthPull {
    const repo = this.repo(ref);
    const by = this.account(options.by);
    const before = head(repo);
    const { thread, pushed } = pulls.mergePull(this.world, repo, number, by, options.method);
    this.pushed(repo, "pushed", before, pushed, false, by);
    const merged = this.pullChanged(repo, thread, "closed", by);
    this.ciOnPush(repo, pushed, by);
    return merged;
  }

  /** Review requests: one `review_requested` delivery per reviewer, as GitHub sends them. */
  requestReviewers(ref: RepoRef, number: number, spec: { reviewers: string[]; by?: string }): TruthPull {
    const repo = this.repo(ref);
    const thread = pulls.pullThread(repo, number);
    const by = spec.by === undefined ? thread.user : this.account(spec.by);
    const reviewers = spec.reviewers.map((login) => this.account(login));
    const { requested } = pulls.requestReviewers(this.world, repo, number, reviewers, by);
    for (const reviewer of requested)
      this.emit("pull_request", "review_requested", repo, {
        number,
        id: thread.pull.id,
        sender: by,
        thread,
        requestedReviewer: reviewer,
      });
    return truthPull(this.world, repo, thread);
  }

  /** A push or force-push to an open pull request's head branch (`synchronize`). */
  pushToPull(ref: RepoRef, number: number, spec: PullPushSpec = {}): TruthPull {
    const repo = this.repo(ref);
    const thread = pulls.pullThread(repo, number);
    const by = spec.author === undefined ? thread.user : this.account(spec.author);
    const pushed = pushToPull(this.world, repo, number, {
      add: this.count("add", spec.add ?? 1),
      drop: this.count("drop", spec.drop ?? (spec.force ? 1 : 0)),
      forced: spec.force ?? false,
      author: identityOf(this.world.identities, by),
      by,
    });
    this.pushed(
      repo,
      spec.force ? "forced" : "pushed",
      pushed.before,
      pushed.added,
      spec.force ?? false,
      by,
      {
        name: thread.pull.headRef,
        after: pushed.after,
      },
    );
    const synchronized = this.pullChanged(repo, thread, "synchronize", by, undefined, {
      before: pushed.before?.sha ?? NULL_SHA,
      after: pushed.after.sha,
    });
    if (this.world.ciOnPush)
      startWorkflowRun(this.host(), repo, {
        workflow: "CI",
        event: "pull_request",
        headBranch: thread.pull.headRef,
        head: pushed.after,
        actor: by,
        pull: number,
        jobs: ciJobs(this.world),
      });
    return synchronized;
  }

  closePull(ref: RepoRef, number: number, options: { by?: string } = {}): TruthPull {
    const repo = this.repo(ref);
    const by = this.account(options.by);
    return this.pullChanged(repo, pulls.closePull(this.world, repo, number, by), "closed", by);
  }

  reopenPull(ref: RepoRef, number: number): TruthPull {
    const repo = this.repo(ref);
    const thread = pulls.reopenPull(this.world, repo, number);
    return this.pullChanged(repo, thread, "reopened", thread.user);
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
    this.emit("pull_request_review", "submitted", repo, {
      number,
      id: review.id,
      sender: review.user,
      thread: pulls.pullThread(repo, number),
      review,
    });
    return truthReview(number, review);
  }

  dismissReview(ref: RepoRef, number: number, reviewId: number): TruthReview {
    const repo = this.repo(ref);
    const review = pulls.dismissReview(this.world, repo, number, reviewId);
    this.emit("pull_request_review", "dismissed", repo, {
      number,
      id: review.id,
      sender: this.actor(repo),
      thread: pulls.pullThread(repo, number),
      review,
    });
    return truthReview(number, review);
  }

  // ── issues and comments ──────────────────────────────────────────────────

  openIssue(ref: RepoRef, spec: IssueSpec = {}): TruthIssue {
    const repo = this.repo(ref);
    const title = spec.title ?? issueTitle(this.world.rng);
    const author = this.account(spec.author);
    const thread = issues.openIssue(this.world, repo, {
      title,
      body: spec.body === undefined ? null : spec.body,
      author,
      labels: spec.labels ?? [],
    });
    return this.issueChanged(repo, thread, "opened", author);
  }

  editIssue(ref: RepoRef, number: number, patch: IssuePatch): TruthIssue {
    const repo = this.repo(ref);
    const assignees = patch.assignees?.map((login) => this.account(login));
    const previous = this.textOf(repo, number);
    const seen = threadOf(repo, number)?.events.length ?? 0;
    const thread = issues.editIssue(this.world, repo, number, { ...patch, assignees });
    this.edited("issues", repo, thread, previous, seen, patch.assignees !== undefined);
    return truthIssue(thread);
  }

  closeIssue(
    ref: RepoRef,
    number: number,
    options: { reason?: "completed" | "not_planned"; by?: string } = {},
  ): TruthIssue {
    const repo = this.repo(ref);
    const reason: StateReason = options.reason === "not_planned" ? "not_planned" : "completed";
    const by = this.account(options.by);
    return this.issueChanged(repo, issues.closeIssue(this.world, repo, number, by, reason), "closed", by);
  }

  reopenIssue(ref: RepoRef, number: number): TruthIssue {
    const repo = this.repo(ref);
    const thread = issues.reopenIssue(this.world, repo, number);
    return this.issueChanged(repo, thread, "reopened", thread.user);
  }

  /** GitHub answers 410 Gone for a deleted issue; pull requests cannot be deleted. */
  /**
   * Transfers an issue to another repository of the same owner: `issues` `transferred` to the old
   * repository (with `changes.new_issue` and `changes.new_repository`), `opened` to the new one.
   */
  transferIssue(ref: RepoRef, number: number, target: RepoRef): TruthIssue & { repository: string } {
    const from = this.repo(ref);
    const to = this.repo(target);
    const moved = issues.transferIssue(this.world, from, number, to);
    const old = threadOf(from, number) as IssueRecord;
    const sender = this.actor(from);
    this.emit("issues", "transferred", from, {
      number,
      id: old.id,
      sender,
      thread: old,
      movedTo: { repo: to, thread: moved },
    });
    this.emit("issues", "opened", to, { number: moved.number, id: moved.id, sender, thread: moved });
    return { ...truthIssue(moved), repository: fullName(to) };
  }

  deleteIssue(ref: RepoRef, number: number): void {
    const repo = this.repo(ref);
    const thread = issues.deleteIssue(repo, number);
    this.emit("issues", "deleted", repo, {
      number: thread.number,
      id: thread.id,
      sender: this.actor(repo),
      thread,
    });
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
    this.commentChanged(repo, comment, "created");
    return truthComment(repo, comment);
  }

  editComment(ref: RepoRef, commentId: number, spec: { body: string }): TruthComment {
    const repo = this.repo(ref);
    const previous = repo.comments.find((candidate) => candidate.id === commentId)?.body;
    const comment = issues.editComment(this.world, repo, commentId, spec.body);
    this.commentChanged(repo, comment, "edited", { body: previous });
    return truthComment(repo, comment);
  }

  deleteComment(ref: RepoRef, commentId: number): void {
    const repo = this.repo(ref);
    const comment = issues.deleteComment(this.world, repo, commentId);
    this.commentChanged(repo, comment, "deleted");
  }

  // ── repositories ─────────────────────────────────────────────────────────

  /** A new repository of the organization with a first commit on `main` (a `created`, then a push). */
  createRepository(name: string): TruthRepository {
    const repo = repos.createRepository(this.world, name);
    this.emit("repository", "created", repo, { sender: this.actor(repo) });
    this.addCommits(repo.id, { message: "Initial commit" });
    return truthRepository(repo);
  }

  editRepository(ref: RepoRef, patch: repos.EditRepository): TruthRepository {
    const target = this.repo(ref);
    const previous = {
      description: target.description,
      homepage: target.homepage,
      topics: [...target.topics],
    };
    const repo = repos.editRepository(this.world, target, patch);
    this.emit("repository", "edited", repo, { sender: this.actor(repo), previous });
    return truthRepository(repo);
  }

  /** The old name answers 301 → /repositories/{id}/… afterwards. */
  renameRepository(ref: RepoRef, name: string): TruthRepository {
    const target = this.repo(ref);
    const previous = { name: target.name };
    const repo = repos.renameRepository(this.world, target, name);
    this.emit("repository", "renamed", repo, { sender: this.actor(repo), previous });
    return truthRepository(repo);
  }

  transferRepository(ref: RepoRef, newOwner: string): TruthRepository {
    const target = this.repo(ref);
    const sender = this.actor(target);
    const previous = { owner: target.owner };
    const repo = repos.transferRepository(this.world, target, newOwner);
    this.emit("repository", "transferred", repo, { sender, previous });
    return truthRepository(repo);
  }

  /** 404 under every name and id afterwards. */
  deleteRepository(ref: RepoRef): void {
    const repo = repos.deleteRepository(this.repo(ref));
    this.emit("repository", "deleted", repo, { sender: this.actor(repo) });
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

  /** Sets the age at which contributors lists are recomputed (0: live). */
  setContributorsDelay(seconds: number): { contributorsDelayS: number } {
    if (!Number.isFinite(seconds) || seconds < 0)
      throw new EmulatorError("invalid", `seconds: expected a number ≥ 0, got ${seconds}`);
    this.world.contributorsDelayS = seconds;
    return { contributorsDelayS: seconds };
  }

  /** Sets how far search's index lags behind the data (0: a change is found at once). */
  setSearchLag(seconds: number): { searchLagS: number } {
    if (!Number.isFinite(seconds) || seconds < 0)
      throw new EmulatorError("invalid", `seconds: expected a number ≥ 0, got ${seconds}`);
    this.world.searchLagS = seconds;
    return { searchLagS: seconds };
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

  // ── GitHub App ───────────────────────────────────────────────────────────

  // ── delivery data (issue 18) ─────────────────────────────────────────────

  /** Workflow runs, ascending id (each with its jobs of every attempt). */
  workflowRuns(ref: RepoRef): TruthWorkflowRun[] {
    return this.repo(ref).runs.map(truthWorkflowRun);
  }

  /** Deployments, ascending id, each with its statuses oldest first. */
  deployments(ref: RepoRef): TruthDeployment[] {
    return this.repo(ref).deployments.map(truthDeployment);
  }

  /** Releases, ascending id, drafts included. */
  releases(ref: RepoRef): TruthRelease[] {
    return this.repo(ref).releases.map(truthRelease);
  }

  /** Inline review comments of one pull request, or of all, ascending id. */
  reviewComments(ref: RepoRef, number?: number): TruthReviewComment[] {
    return liveReviewComments(this.repo(ref))
      .filter((comment) => number === undefined || comment.pullNumber === number)
      .map(truthReviewComment);
  }

  teams(): TruthTeam[] {
    return this.world.teams.map(truthTeam);
  }

  /** workflow_runs, check_runs, deployments, releases (drafts included), review_comments. */
  deliveryCounts(ref?: RepoRef): TruthDeliveryCounts {
    return deliveryCounts(ref === undefined ? this.live() : [this.repo(ref)]);
  }

  /** The raw records (to recompute figures such as DORA's from the world itself). */
  deliveryRecords(ref: RepoRef): DeliveryRecords {
    return deliveryRecords(this.repo(ref));
  }

  /**
   * A Deploy run of the default branch's head: `staging` then `production` (or only
   * `environment`), the last one ending with `outcome` (default success).
   */
  deploy(
    ref: RepoRef,
    spec: { environment?: string; outcome?: "success" | "failure"; by?: string } = {},
  ): TruthDeployment[] {
    const repo = this.repo(ref);
    const head = repo.branch[repo.branch.length - 1];
    if (!head) throw new EmulatorError("invalid", `${repo.name} has no commit to deploy`);
    const outcome = spec.outcome ?? "success";
    if (outcome !== "success" && outcome !== "failure")
      throw new EmulatorError("invalid", `invalid outcome ${JSON.stringify(outcome)}`);
    const environments = spec.environment ? [spec.environment] : ["staging", "production"];
    const made: DeploymentRecord[] = [];
    startWorkflowRun(this.host(), repo, {
      workflow: "Deploy",
      event: "push",
      headBranch: repo.defaultBranch,
      head,
      actor: spec.by === undefined ? this.actor(repo) : this.account(spec.by),
      jobs: environments.map((environment, index) => ({
        name: `deploy-${environment}`,
        work: deployWork(
          this.host(),
          repo,
          environment,
          index === environments.length - 1 ? outcome : "success",
          made,
        ),
      })),
    });
    return made.map(truthDeployment);
  }

  /** Re-runs every job of a completed workflow run (same id, next attempt). */
  rerunWorkflowRun(ref: RepoRef, runId: number): TruthWorkflowRun {
    const repo = this.repo(ref);
    const run = repo.runs.find((candidate) => candidate.id === runId);
    if (!run) throw new EmulatorError("not_found", `no workflow run ${runId} in ${repo.name}`);
    return truthWorkflowRun(rerunWorkflowRun(this.host(), repo, run));
  }

  /**
   * Deletes a workflow run, as `DELETE /repos/{owner}/{repo}/actions/runs/{run_id}` does: gone from
   * the lists (404 by id), its jobs with it. GitHub sends no webhook for it.
   */
  deleteWorkflowRun(ref: RepoRef, runId: number): void {
    const repo = this.repo(ref);
    const index = repo.runs.findIndex((candidate) => candidate.id === runId);
    if (index < 0) throw new EmulatorError("not_found", `no workflow run ${runId} in ${repo.name}`);
    repo.runs.splice(index, 1);
  }

  /** A release (default: the next patch version on the branch head), created and published. */
  createRelease(ref: RepoRef, spec: ReleaseInput & { by?: string } = {}): TruthRelease {
    const repo = this.repo(ref);
    const by = spec.by === undefined ? this.world.bots.actions : this.account(spec.by);
    return truthRelease(records.createRelease(this.host(), repo, spec, by));
  }

  addReviewComment(
    ref: RepoRef,
    number: number,
    spec: { body?: string; author?: string; inReplyTo?: number } = {},
  ): TruthReviewComment {
    const repo = this.repo(ref);
    const thread = pulls.pullThread(repo, number);
    const author = spec.author === undefined ? this.reviewer(thread.user) : this.account(spec.author);
    return truthReviewComment(records.addReviewComment(this.host(), repo, number, spec, author));
  }

  editReviewComment(ref: RepoRef, id: number, spec: { body: string }): TruthReviewComment {
    return truthReviewComment(records.editReviewComment(this.host(), this.repo(ref), id, spec.body));
  }

  deleteReviewComment(ref: RepoRef, id: number): void {
    const repo = this.repo(ref);
    records.deleteReviewComment(this.host(), repo, id, this.actor(repo));
  }

  createTeam(name: string, spec: { description?: string; by?: string } = {}): TruthTeam {
    const by = spec.by === undefined ? this.world.members[0]! : this.account(spec.by);
    const team = records.createTeam(this.host(), name, spec.description ?? null);
    this.emitOrg("team", "created", by, (ctx, org) => teamPayload(ctx, team, by, org));
    return truthTeam(team);
  }

  addTeamMember(slug: string, login: string, spec: { role?: TeamRole; by?: string } = {}): TruthTeam {
    const team = records.teamOf(this.world.teams, slug);
    const member = this.account(login);
    const by = spec.by === undefined ? this.world.members[0]! : this.account(spec.by);
    if (records.addTeamMember(this.host(), team, member, spec.role ?? "member"))
      this.emitOrg("membership", "added", by, (ctx, org) =>
        membershipPayload(ctx, "added", team, member, by, org),
      );
    return truthTeam(team);
  }

  removeTeamMember(slug: string, login: string, spec: { by?: string } = {}): TruthTeam {
    const team: TeamRecord = records.teamOf(this.world.teams, slug);
    const member = this.account(login);
    const by = spec.by === undefined ? this.world.members[0]! : this.account(spec.by);
    records.removeTeamMember(this.host(), team, member);
    this.emitOrg("membership", "removed", by, (ctx, org) =>
      membershipPayload(ctx, "removed", team, member, by, org),
    );
    return truthTeam(team);
  }

  /** CI on the default branch after a push that added commits (`by`: who pushed). */
  private ciOnPush(repo: RepoRecord, added: CommitRecord[], by?: Account): void {
    const head = added[added.length - 1];
    if (!this.world.ciOnPush || !head || repo.branch[repo.branch.length - 1] !== head) return;
    const owner = head.author.account;
    startWorkflowRun(this.host(), repo, {
      workflow: "CI",
      event: "push",
      headBranch: repo.defaultBranch,
      head,
      actor: by ?? (owner && owner.type !== "Organization" ? owner : this.actor(repo)),
      jobs: ciJobs(this.world),
    });
  }

  /** Someone other than the author who can review (a member). */
  private reviewer(author: Account): Account {
    return this.world.members.find((member) => member !== author) ?? author;
  }

  private host(): DeliveryHost {
    return {
      world: this.world,
      emit: (type, action, repo, details) => this.emit(type, action, repo, details),
    };
  }

  /** An organization event (team, membership): its change names the organization as repository. */
  private emitOrg(
    type: "team" | "membership",
    action: string,
    sender: Account,
    render: (ctx: RenderContext, org: Record<string, unknown>) => Record<string, unknown>,
  ): void {
    const org = this.world.org;
    const at = iso(this.world.now());
    this.deps.webhooks?.enqueueOrgEvent(type, at, (ctx) => render(ctx, organization(ctx, org)));
    const change: EmulatorChange = {
      type,
      action,
      repository: { id: org.id, full_name: org.login },
      at,
      sender: sender.login,
    };
    for (const listener of this.listeners) listener(change);
  }

  /** The App's id, slug, client id and private key (generated on the first call without one). */
  app(): AppInfo {
    const app = this.github();
    return { id: app.id, slug: app.slug, client_id: app.clientId, private_key: app.privateKey() };
  }

  /** Live installations, by id. */
  installations(): TruthInstallation[] {
    const app = this.github();
    return app.list().map((installation) => this.truthInstallation(installation));
  }

  installation(id: number): TruthInstallation {
    return this.truthInstallation(this.github().installation(id));
  }

  /** Installs the App (webhook `installation` created); the repositories must be the account's. */
  createInstallation(spec: InstallationSpec): { id: number } {
    const app = this.github();
    const account = spec.account === undefined ? this.world.org : this.owner(spec.account);
    const selection = spec.repositories === "all" ? "all" : "selected";
    if (selection === "selected" && !Array.isArray(spec.repositories))
      throw new EmulatorError("invalid", 'repositories: expected "all" or an array of repositories');
    const repos = spec.repositories === "all" ? [] : spec.repositories.map((ref) => this.repo(ref));
    const installation = app.createInstallation(account, selection, repos, this.world.now());
    const sender = this.installer(account, spec.by);
    const covered = app.repositories(installation);
    this.appEvent("installation", installation, (ctx) =>
      installationPayload(ctx, app, "created", installation, covered, sender),
    );
    return { id: installation.id };
  }

  /** Adds repositories to a "selected" installation (`installation_repositories` added). */
  addInstallationRepositories(
    id: number,
    repositories: RepoRef[],
    options: { by?: string } = {},
  ): TruthInstallation {
    return this.changeInstallationRepositories(id, repositories, "added", options.by);
  }

  /** Removes repositories (`installation_repositories` removed); "all" becomes "selected". */
  removeInstallationRepositories(
    id: number,
    repositories: RepoRef[],
    options: { by?: string } = {},
  ): TruthInstallation {
    return this.changeInstallationRepositories(id, repositories, "removed", options.by);
  }

  private changeInstallationRepositories(
    id: number,
    repositories: RepoRef[],
    action: "added" | "removed",
    by: string | undefined,
  ): TruthInstallation {
    const app = this.github();
    const installation = app.installation(id);
    const repos = this.repoList(repositories);
    const now = this.world.now();
    const changed =
      action === "added"
        ? app.addRepositories(installation, repos, now)
        : app.removeRepositories(installation, repos, now);
    if (changed.length > 0) {
      const sender = this.installer(installation.account, by);
      this.appEvent("installation_repositories", installation, (ctx) =>
        installationRepositoriesPayload(ctx, app, action, installation, changed, sender),
      );
    }
    return this.truthInstallation(installation);
  }

  /** Uninstalls (`installation` deleted): 404 for the installation, 401 for its tokens. */
  deleteInstallation(id: number, options: { by?: string } = {}): void {
    const app = this.github();
    const installation = app.installation(id);
    const covered = app.repositories(installation);
    const sender = this.installer(installation.account, options.by);
    // Rendered before the deletion: the payload shows the installation as it was.
    this.appEvent("installation", installation, (ctx) =>
      installationPayload(ctx, app, "deleted", installation, covered, sender),
    );
    app.deleteInstallation(installation);
  }

  /**
   * Suspends (`installation` suspend): new tokens 403, existing ones 403, and the installation's
   * repositories' events no longer reach the App (they are sent as the organization hook's).
   */
  suspendInstallation(id: number, options: { by?: string } = {}): TruthInstallation {
    const app = this.github();
    const installation = app.installation(id);
    if (installation.suspendedAt !== null)
      throw new EmulatorError("invalid", `installation ${id} is already suspended`);
    const sender = this.installer(installation.account, options.by);
    app.suspend(installation, sender, this.world.now());
    this.appEvent("installation", installation, (ctx) =>
      installationPayload(ctx, app, "suspend", installation, [], sender),
    );
    return this.truthInstallation(installation);
  }

  unsuspendInstallation(id: number, options: { by?: string } = {}): TruthInstallation {
    const app = this.github();
    const installation = app.installation(id);
    if (installation.suspendedAt === null)
      throw new EmulatorError("invalid", `installation ${id} is not suspended`);
    const sender = this.installer(installation.account, options.by);
    app.unsuspend(installation, this.world.now());
    this.appEvent("installation", installation, (ctx) =>
      installationPayload(ctx, app, "unsuspend", installation, [], sender),
    );
    return this.truthInstallation(installation);
  }

  /** An installation token without the JWT dance (what POST …/access_tokens would mint). */
  createInstallationToken(id: number): InstallationToken {
    const app = this.github();
    const installation = app.installation(id);
    if (installation.suspendedAt !== null)
      throw new EmulatorError("invalid", `installation ${id} is suspended`);
    const grant = app.mintToken(installation, this.world.now(), {
      repoIds: null,
      permissions: { ...APP_PERMISSIONS },
    });
    return { token: grant.token, expires_at: iso(grant.expiresAt) };
  }

  // ── webhooks ─────────────────────────────────────────────────────────────

  /** Delivery counters (all zero without a webhook URL). */
  webhookStats(): WebhookStats {
    return this.deps.webhooks?.stats() ?? emptyWebhookStats();
  }

  /** Requests made and deliveries dropped (delivery id, event, action, kind, status). */
  webhookLog(): WebhookDelivery[] {
    return this.deps.webhooks?.log() ?? [];
  }

  /** Resolves once every delivery queued so far has been sent or dropped. */
  async flushWebhooks(): Promise<void> {
    await this.deps.webhooks?.flush();
  }

  /** Listens to every change; returns the unsubscribe function. */
  subscribe(listener: (change: EmulatorChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ── helpers ──────────────────────────────────────────────────────────────

  private github(): GitHubApp {
    if (!this.deps.app) throw new Error("this emulator admin has no GitHub App");
    return this.deps.app;
  }

  private truthInstallation(installation: InstallationRecord): TruthInstallation {
    return {
      id: installation.id,
      account: installation.account.login,
      repository_selection: installation.selection,
      repositories: this.github()
        .repositories(installation)
        .map((repo) => fullName(repo)),
      suspended: installation.suspendedAt !== null,
    };
  }

  private repoList(repositories: RepoRef[]): RepoRecord[] {
    if (!Array.isArray(repositories) || repositories.length === 0)
      throw new EmulatorError("invalid", "repositories: expected a non-empty array");
    return repositories.map((ref) => this.repo(ref));
  }

  /** An organization or user an App can be installed on. */
  private owner(login: string): Account {
    const found = this.world.accounts.get(login.toLowerCase());
    if (!found || found.type === "Bot")
      throw new EmulatorError("invalid", `unknown account ${JSON.stringify(login)}`);
    return found;
  }

  /** Who (un)installs: `by`, else the user itself or the organization's first member. */
  private installer(account: Account, by: string | undefined): Account {
    if (by !== undefined) return this.account(by);
    if (account.type === "User") return account;
    const first = this.world.members[0];
    if (!first) throw new Error("the emulated organization has no member");
    return first;
  }

  /** An App event (installation, installation_repositories): webhook only, no `subscribe` event. */
  private appEvent(
    event: "installation" | "installation_repositories",
    installation: InstallationRecord,
    render: Parameters<WebhookSender["enqueueAppEvent"]>[3],
  ): void {
    this.deps.webhooks?.enqueueAppEvent(event, installation.id, iso(this.world.now()), render);
  }

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

  /**
   * Who made a change the admin input does not attribute (repository settings, deletions,
   * dismissals): the owner of a user's repository, else the organization's first member.
   */
  private actor(repo: RepoRecord): Account {
    if (repo.owner.type === "User") return repo.owner;
    const first = this.world.members[0];
    if (!first) throw new Error("the emulated organization has no member");
    return first;
  }

  /** Title and body of an issue or pull request before an edit (for `changes`). */
  private textOf(repo: RepoRecord, number: number): { title?: string; body?: string | null } {
    const thread = threadOf(repo, number);
    return thread ? { title: thread.title, body: thread.body } : {};
  }

  private pullChanged(
    repo: RepoRecord,
    thread: IssueRecord,
    action: string,
    sender: Account,
    previous?: ChangeRecord["previous"],
    headMoved?: ChangeRecord["headMoved"],
  ): TruthPull {
    this.emit("pull_request", action, repo, {
      number: thread.number,
      id: thread.pull?.id,
      sender,
      thread,
      previous,
      headMoved,
    });
    return truthPull(this.world, repo, thread);
  }

  /**
   * The deliveries of an edit, as GitHub sends them: `edited` when the title or body changed
   * (with `changes`), then `labeled`/`unlabeled` per label (the events the edit recorded after
   * the first `seen`).
   */
  private edited(
    type: "issues" | "pull_request",
    repo: RepoRecord,
    thread: IssueRecord,
    previous: ChangeRecord["previous"],
    seen: number,
    assigneesChanged: boolean,
  ): void {
    const base = { number: thread.number, id: type === "issues" ? thread.id : thread.pull?.id, thread };
    const textChanged = previous?.title !== thread.title || previous?.body !== thread.body;
    if (textChanged || assigneesChanged)
      this.emit(type, "edited", repo, { ...base, sender: thread.user, previous });
    for (const event of thread.events.slice(seen)) {
      if (event.kind !== "labeled" && event.kind !== "unlabeled") continue;
      this.emit(type, event.kind, repo, { ...base, sender: event.actor, label: event.label });
    }
  }

  private issueChanged(
    repo: RepoRecord,
    thread: IssueRecord,
    action: string,
    sender: Account,
    previous?: ChangeRecord["previous"],
  ): TruthIssue {
    this.emit("issues", action, repo, { number: thread.number, id: thread.id, sender, thread, previous });
    return truthIssue(thread);
  }

  private commentChanged(
    repo: RepoRecord,
    comment: CommentRecord,
    action: string,
    previous?: ChangeRecord["previous"],
  ): void {
    this.emit("issue_comment", action, repo, {
      number: comment.issueNumber,
      id: comment.id,
      sender: comment.user,
      thread: threadOf(repo, comment.issueNumber),
      comment,
      previous,
    });
  }

  /**
   * A push to the default branch, or to `branch` (a pull request's head): `before` was the head,
   * `added` the new commits (oldest first). The pusher is `by` (a merge, a PR push), else the
   * author of the last commit when an account owns it.
   */
  private pushed(
    repo: RepoRecord,
    action: string,
    before: CommitRecord | undefined,
    added: CommitRecord[],
    forced: boolean,
    by: Account | null,
    branch?: { name: string; after: CommitRecord },
  ): void {
    const last = added[added.length - 1]?.author.account;
    const sender = by ?? (last && last.type !== "Organization" ? last : this.actor(repo));
    const pusher = identityOf(this.world.identities, sender);
    const after = branch ? branch.after : head(repo);
    const ref = `refs/heads/${branch?.name ?? repo.defaultBranch}`;
    this.emit(
      "push",
      action,
      repo,
      {
        sender,
        push: { ref, before, after, commits: added, forced, pusher: { ...pusher, name: sender.login } },
      },
      {
        ref,
        before: before?.sha ?? NULL_SHA,
        after: after?.sha ?? NULL_SHA,
        forced,
        commits: added.map((commit) => commit.sha),
      },
    );
  }

  private emit(
    type: EmulatorChange["type"],
    action: string,
    repo: RepoRecord,
    details: ChangeDetails,
    push?: EmulatorChange["push"],
  ): void {
    const { number, id, ...record } = details;
    const change: EmulatorChange = {
      type,
      action,
      repository: { id: repo.id, full_name: fullName(repo) },
      at: iso(this.world.now()),
    };
    if (number !== undefined) change.number = number;
    if (id !== undefined) change.id = id;
    change.sender = record.sender.login;
    if (push) change.push = push;
    this.deps.webhooks?.enqueue({ ...record, change, repo });
    for (const listener of this.listeners) listener(change);
  }
}

/** The head of the default branch. */
function head(repo: RepoRecord): CommitRecord | undefined {
  return repo.branch[repo.branch.length - 1];
}
