/**
 * The truth as plain data: snake_case like GitHub's JSON, ISO timestamps, logins instead of
 * objects — what tests compare a mirror with. Pull requests are never counted as issues.
 */

export interface TruthRepository {
  id: number;
  owner: string;
  name: string;
  full_name: string;
  private: boolean;
  archived: boolean;
  fork: boolean;
  default_branch: string;
  description: string | null;
  language: string | null;
  open_issues_count: number;
  created_at: string;
  updated_at: string;
  pushed_at: string;
}

export interface TruthCommit {
  sha: string;
  parents: string[];
  message: string;
  author_login: string | null;
  author_id: number | null;
  author_name: string;
  author_email: string;
  authored_at: string;
  committer_login: string | null;
  committed_at: string;
  /** The pull request this squash commit merged. */
  pull_number: number | null;
}

export interface TruthPull {
  id: number;
  issue_id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  draft: boolean;
  merged: boolean;
  merged_at: string | null;
  merged_by: string | null;
  merge_commit_sha: string | null;
  author_login: string;
  author_id: number;
  head_ref: string;
  head_sha: string;
  base_ref: string;
  base_sha: string;
  additions: number;
  deletions: number;
  changed_files: number;
  commits: number;
  /** Earliest author date of the PR's commits (GET /pulls/{n}/commits). */
  first_commit_at: string | null;
  /** First `ready_for_review` timeline event: null if never opened as a draft (or still one). */
  ready_for_review_at: string | null;
  comments: number;
  review_comments: number;
  reviews: number;
  labels: string[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface TruthReview {
  id: number;
  pull_number: number;
  user_login: string;
  user_id: number;
  state: string;
  body: string;
  commit_id: string;
  submitted_at: string;
}

export interface TruthIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: string | null;
  author_login: string;
  author_id: number;
  labels: string[];
  assignees: string[];
  comments: number;
  locked: boolean;
  closed_by: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface TruthComment {
  id: number;
  issue_number: number;
  on_pull_request: boolean;
  user_login: string;
  user_id: number;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface TruthContributor {
  login: string | null;
  id: number | null;
  type: "User" | "Bot" | "Organization" | "Anonymous";
  name: string | null;
  email: string | null;
  contributions: number;
}

/** Same keys as `ghsync sync --json` / `ghsync stats --json` counts. */
export interface TruthCounts {
  repositories: number;
  commits: number;
  pull_requests: number;
  reviews: number;
  issues: number;
  comments: number;
  contributors: number;
}
