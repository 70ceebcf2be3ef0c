/** Input and output types of the admin API (in process and over HTTP). */
import type { FaultSettings } from "./faults.js";
import type { TokenStats } from "./request-stats.js";
import type { TruthCounts } from "./truth-types.js";
import type { ReviewState } from "./world-types.js";

/** A repository by "owner/name" (current name) or by id. */
export type RepoRef = string | number;

export interface CommitSpec {
  count?: number;
  /** A login, or "Name <email>" (an email no account claims gives `author: null` in the API). */
  author?: string;
  message?: string;
}
export interface ForcePushSpec {
  drop: number;
  add: number;
  author?: string;
}
/** A push to a pull request's head: `add` commits (default 1); `force` replaces the last `drop` (default 1). */
export interface PullPushSpec {
  add?: number;
  drop?: number;
  force?: boolean;
  /** Login of the pusher (default: the PR's author). */
  author?: string;
}
export interface PullSpec {
  title?: string;
  body?: string | null;
  author?: string;
  draft?: boolean;
  labels?: string[];
}
export interface PullPatch {
  title?: string;
  body?: string | null;
  draft?: boolean;
  labels?: string[];
}
export interface ReviewSpec {
  state: ReviewState;
  author?: string;
  body?: string;
}
export interface IssueSpec {
  title?: string;
  body?: string | null;
  author?: string;
  labels?: string[];
}
export interface IssuePatch {
  title?: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
}
export interface CommentSpec {
  body?: string;
  author?: string;
}

/** Emitted after every mutation (also sent as a webhook when the emulator has a webhook URL). */
export interface EmulatorChange {
  type:
    | "push"
    | "pull_request"
    | "pull_request_review"
    | "issues"
    | "issue_comment"
    | "repository"
    | "workflow_run"
    | "workflow_job"
    | "check_suite"
    | "check_run"
    | "deployment"
    | "deployment_status"
    | "release"
    | "pull_request_review_comment"
    | "membership"
    | "team";
  action: string;
  /** The repository; for organization events (membership, team) the organization's id and login. */
  repository: { id: number; full_name: string };
  number?: number;
  id?: number;
  at: string;
  /** Login of the account that made the change (the webhook's `sender`). */
  sender?: string;
  /** Pushes: the default branch's head before and after, and the commits added (oldest first). */
  push?: PushChange;
}

export interface PushChange {
  ref: string;
  /** 40 zeros when the branch was empty. */
  before: string;
  /** 40 zeros when the branch is empty afterwards. */
  after: string;
  forced: boolean;
  commits: string[];
}

export interface EmulatorStats {
  truth: TruthCounts;
  repositories: Record<string, TruthCounts>;
  requests: Record<string, TokenStats>;
  faults: FaultSettings;
}

/** The emulated GitHub App (`admin.app()`, GET /_emulator/app). */
export interface AppInfo {
  id: number;
  slug: string;
  /** Also accepted as the JWT's `iss`. */
  client_id: string;
  /** PEM (PKCS#1 when generated, like GitHub's downloads); what @octokit/auth-app takes as privateKey. */
  private_key: string;
}

export interface InstallationSpec {
  /** "all", or the repositories (full names or ids) of a "selected" installation. */
  repositories: "all" | RepoRef[];
  /** Login of the account the App is installed on. Default: the organization. */
  account?: string;
  /** Who installed it (the webhook's `sender`). Default: the organization's first member. */
  by?: string;
}

/** An installation as plain data. */
export interface TruthInstallation {
  id: number;
  account: string;
  repository_selection: "all" | "selected";
  /** Full names of the repositories it covers now, by repository id. */
  repositories: string[];
  suspended: boolean;
}

export interface InstallationToken {
  token: string;
  expires_at: string;
}
