/**
 * The emulator's in-memory truth. Records are compact and mutable; JSON is rendered per request
 * (render-*.ts) so a 100,000-commit repository costs a few MB, not a pre-rendered copy.
 * All timestamps are epoch seconds.
 */
import type { Rng } from "./prng.js";
import type { IdSequences } from "./ids.js";

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
  ids: IdSequences;
  /** Stream for mutations and live activity. */
  rng: Rng;
  /** Emulator time in epoch seconds. */
  now(): number;
  /** Age at which a served contributors list is recomputed (contributors-list.ts). */
  contributorsDelayS: number;
  /** How far /search/issues lags behind the data (routes-search.ts). */
  searchLagS: number;
}
