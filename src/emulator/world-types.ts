/**
 * The emulator's in-memory truth. Records are compact and mutable; JSON is rendered per request
 * (render-*.ts) so a 100,000-commit repository costs a few MB, not a pre-rendered copy.
 * All timestamps are epoch seconds.
 */
import type { Rng } from "./prng.js";
import type { DeliveryIdKind, IdKind, IdSequences } from "./ids.js";

export type AccountType = "User" | "Organization" | "Bot";

export interface Account {
  id: number;
  login: string;
  type: AccountType;
  name: string | null;
  email: string | null;
  company: string | null;
  location: string | null;
  bio: string | null;
  createdAt: number;
  /** Member of the organization (author_association MEMBER). */
  member: boolean;
}

/** A git author/committer as written in a commit; `account` is null when no account owns the email. */
export interface Identity {
  name: string;
  email: string;
  account: Account | null;
}

export interface CommitRecord {
  sha: string;
  parent: string | null;
  /** A merge commit's second parent: the head of the branch it merged (mutate-history.ts). */
  mergeParent?: string;
  author: Identity;
  committer: Identity;
  authoredAt: number;
  committedAt: number;
  message: string;
  /** Number of the pull request this commit merged (squash or merge commit, last rebased commit). */
  pull: number | null;
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

/** GitHub's merge button: a squash commit, a two-parent merge commit, or the commits rebased. */
export type MergeMethod = "squash" | "merge" | "rebase";

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";

export interface ReviewRecord {
  id: number;
  user: Account;
  body: string;
  state: ReviewState;
  submittedAt: number;
  commitId: string;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  user: Account;
  body: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * Something that happened to an issue or pull request that its record does not otherwise keep
 * (timeline events): labels added and removed, closes and reopens, reviews requested, mentions
 * from other threads. Oldest first.
 */
export interface ThreadEvent {
  kind: "labeled" | "unlabeled" | "closed" | "reopened" | "review_requested" | "cross-referenced";
  at: number;
  actor: Account;
  label?: Label;
  reviewer?: Account;
  /** cross-referenced: the issue or pull request that mentioned this one (same repository). */
  source?: IssueRecord;
}

/** A pull request marked ready for review or converted back to a draft (timeline events). */
export interface DraftEvent {
  event: "ready_for_review" | "convert_to_draft";
  at: number;
  actor: Account;
}

/** A push to an open pull request's head branch (timeline: `head_ref_force_pushed` when forced). */
export interface HeadPush {
  at: number;
  actor: Account;
  /** head.sha before and after the push. */
  before: string;
  after: string;
  forced: boolean;
}

export interface PullRecord {
  id: number;
  draft: boolean;
  /** Draft state changes, oldest first; a PR opened as a draft and then marked ready has one. */
  draftEvents: DraftEvent[];
  /** Pushes to the head branch after the PR was opened, oldest first. */
  headPushes: HeadPush[];
  headRef: string;
  headSha: string;
  baseSha: string;
  merged: boolean;
  mergedAt: number | null;
  mergedBy: Account | null;
  /**
   * Merged: the squash or merge commit, or the last rebased commit (what the default branch moved
   * to); otherwise GitHub's test merge commit.
   */
  mergeCommitSha: string | null;
  additions: number;
  deletions: number;
  changedFiles: number;
  commits: number;
  /**
   * The PR's commits, oldest first, when they are recorded rather than derived (pull-history.ts):
   * generated merges and rebases, the long-lived PR, pushes to the head branch.
   */
  commitList?: CommitRecord[];
  reviewComments: number;
  reviews: ReviewRecord[];
  requestedReviewers: Account[];
}

export type StateReason = "completed" | "not_planned" | "reopened";

/** An issue, or the issue side of a pull request (`pull` set). Issues and PRs share numbers. */
export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: Account;
  state: "open" | "closed";
  stateReason: StateReason | null;
  labels: Label[];
  assignees: Account[];
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  closedBy: Account | null;
  locked: boolean;
  deleted: boolean;
  /** Transferred to another repository (then also `deleted` here): its old URL answers 301. */
  movedTo?: { repo: RepoRecord; thread: IssueRecord };
  comments: CommentRecord[];
  /** Timeline events the record does not otherwise keep (thread-events.ts). */
  events: ThreadEvent[];
  pull: PullRecord | null;
}

export interface License {
  key: string;
  name: string;
  spdxId: string;
}

export interface RepoRecord {
  id: number;
  name: string;
  owner: Account;
  private: boolean;
  archived: boolean;
  fork: boolean;
  /** The upstream repository of a fork (not served itself). */
  parent: RepoRecord | null;
  description: string | null;
  homepage: string | null;
  language: string | null;
  topics: string[];
  license: License | null;
  stargazers: number;
  forks: number;
  watchers: number;
  size: number;
  hasWiki: boolean;
  hasPages: boolean;
  hasDiscussions: boolean;
  createdAt: number;
  updatedAt: number;
  pushedAt: number;
  defaultBranch: string;
  deleted: boolean;
  /**
   * Default branch, in the order the commit list serves it reversed (committer date, oldest
   * first, branch-order.ts): a merge with the `merge` method brings a branch's older commits in
   * at their dates, below newer commits of the default branch.
   */
  branch: CommitRecord[];
  /** Commits force-pushed off the branch: still reachable by sha, like on GitHub. */
  orphans: Map<string, CommitRecord>;
  /** Index number - 1 → issue or pull request. */
  threads: IssueRecord[];
  /** All issue comments of the repository, ascending id. */
  comments: CommentRecord[];
  labels: Label[];
  /** Bumped on every change of the branch; keys derived caches (sha index, contributors). */
  branchVersion: number;
  /** Actions workflows (CI; Deploy where the repository deploys; Release for design-system). */
  workflows: WorkflowRecord[];
  /** Workflow runs of every workflow, ascending id (= creation order). */
  runs: WorkflowRunRecord[];
  /** Deployments (staging and production), ascending id. */
  deployments: DeploymentRecord[];
  /** Deployment environments (`staging`, `production` where the repository deploys). */
  environments: EnvironmentRecord[];
  /** Releases (drafts included), ascending id. */
  releases: ReleaseRecord[];
  /** Inline review comments of every pull request, ascending id. */
  reviewComments: ReviewCommentRecord[];
}

/** An Actions workflow file (`.github/workflows/*.yml`). */
export interface WorkflowRecord {
  id: number;
  name: string;
  path: string;
  createdAt: number;
  updatedAt: number;
}

export type RunEvent = "push" | "pull_request" | "workflow_dispatch";
export type RunStatus = "queued" | "in_progress" | "completed";
export type RunConclusion = "success" | "failure" | "cancelled" | null;

/** A job of a workflow run attempt; its id is also its check run id (as on GitHub). */
export interface JobRecord {
  id: number;
  name: string;
  runAttempt: number;
  status: RunStatus;
  conclusion: RunConclusion;
  createdAt: number;
  startedAt: number;
  completedAt: number | null;
}

/** What an earlier attempt of a re-run workflow run looked like when it ended. */
export interface RunAttemptRecord {
  attempt: number;
  conclusion: RunConclusion;
  runStartedAt: number;
  updatedAt: number;
}

/**
 * A workflow run. Re-running keeps its id and bumps `runAttempt`; the run then shows the latest
 * attempt and `earlierAttempts` keeps the others (GET …/attempts/{n}). One check suite per run
 * (`checkSuiteId`), whose check runs are the run's jobs.
 */
export interface WorkflowRunRecord {
  id: number;
  workflow: WorkflowRecord;
  checkSuiteId: number;
  displayTitle: string;
  event: RunEvent;
  headBranch: string;
  headSha: string;
  /** Per workflow, ascending with creation. */
  runNumber: number;
  runAttempt: number;
  status: RunStatus;
  conclusion: RunConclusion;
  actor: Account;
  triggeringActor: Account;
  createdAt: number;
  runStartedAt: number;
  updatedAt: number;
  /** The pull request of a `pull_request` run. */
  pull: number | null;
  /** Jobs of every attempt, ascending id. */
  jobs: JobRecord[];
  earlierAttempts: RunAttemptRecord[];
}

export type DeploymentState = "queued" | "in_progress" | "success" | "failure" | "error" | "inactive";

export interface DeploymentStatusRecord {
  id: number;
  state: DeploymentState;
  creator: Account;
  description: string;
  environmentUrl: string;
  /** The workflow run and job that ran the deployment (log_url), if a workflow did. */
  job: { run: WorkflowRunRecord; job: JobRecord } | null;
  createdAt: number;
}

/** A deployment of `sha` (the default branch's head when it was created) to an environment. */
export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  creator: Account;
  description: string;
  createdAt: number;
  updatedAt: number;
  /** Oldest first. */
  statuses: DeploymentStatusRecord[];
}

export interface EnvironmentRecord {
  id: number;
  name: string;
  createdAt: number;
  updatedAt: number;
}

export interface ReleaseRecord {
  id: number;
  tagName: string;
  /** The tagged commit. */
  sha: string;
  targetCommitish: string;
  name: string;
  body: string;
  author: Account;
  draft: boolean;
  prerelease: boolean;
  createdAt: number;
  /** null while a draft. */
  publishedAt: number | null;
}

/** An inline (diff) comment of a pull request review. */
export interface ReviewCommentRecord {
  id: number;
  pullNumber: number;
  review: ReviewRecord;
  user: Account;
  body: string;
  path: string;
  line: number;
  side: "RIGHT";
  commitId: string;
  originalCommitId: string;
  diffHunk: string;
  createdAt: number;
  updatedAt: number;
  inReplyTo: ReviewCommentRecord | null;
}

export type TeamRole = "member" | "maintainer";
export type TeamPermission = "pull" | "triage" | "push" | "maintain" | "admin";

/** An organization team (GET /orgs/{org}/teams). */
export interface TeamRecord {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  privacy: "closed";
  createdAt: number;
  updatedAt: number;
  members: { account: Account; role: TeamRole }[];
  repos: { repo: RepoRecord; permission: TeamPermission }[];
}

export interface World {
  seed: string;
  org: Account;
  /** Lower-case login → account (users, bots, organizations). */
  accounts: Map<string, Account>;
  /** Human users, members first. */
  humans: Account[];
  members: Account[];
  bots: { dependabot: Account; actions: Account; renovate: Account };
  webFlow: Account;
  /** Primary identity (name, email) of each account that commits. */
  identities: Map<Account, Identity>;
  repos: RepoRecord[];
  /** Lower-case "owner/name" a repository was renamed or transferred from → repository id. */
  redirects: Map<string, number>;
  ids: IdSequences<IdKind>;
  /**
   * Ids of delivery data (workflows, runs, deployments, releases, review comments, teams…): their
   * own sequences and stream, handed out after `ids`, so adding them changed no existing id.
   */
  deliveryIds: IdSequences<DeliveryIdKind>;
  /** Organization teams. */
  teams: TeamRecord[];
  /** A push through the admin starts a CI run (options.ts `ciOnPush`). */
  ciOnPush: boolean;
  /** Stream of admin changes to delivery data (its own: the other mutations draw what they did). */
  deliveryRng: Rng;
  /** Stream for mutations and live activity. */
  rng: Rng;
  /** Emulator time in epoch seconds. */
  now(): number;
  /**
   * Holds emulator time at `seconds` or later from now on. A deployment does, so that a commit
   * pushed in the same wall-clock second is dated after it (it deployed the head before that push).
   */
  advanceTo(seconds: number): void;
  /** Age at which a served contributors list is recomputed (contributors-list.ts). */
  contributorsDelayS: number;
  /** How far /search/issues lags behind the data (routes-search.ts). */
  searchLagS: number;
}
