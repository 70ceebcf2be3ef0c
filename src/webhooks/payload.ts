/**
 * What handlers read of a webhook payload. Its objects (repository, pull request, issue, comment,
 * review) carry the fields of the REST objects the normalizers read; the quirks GitHub really sends
 * (epoch-second timestamps in push payloads, lower-case review states, missing optional fields) are
 * absorbed by the normalizers.
 */
import type { RefreshItem } from "../contract/jobs.js";
import type {
  GitHubIssue,
  GitHubIssueComment,
  GitHubPullRequest,
  GitHubRepository,
  GitHubReview,
} from "../normalize/github-types.js";
import type { PushCommit } from "../normalize/normalize-push-commit.js";

export interface WebhookPayload {
  action?: string;
  repository?: GitHubRepository;
  installation?: { id: number };
  pull_request?: GitHubPullRequest;
  review?: GitHubReview;
  issue?: GitHubIssue;
  comment?: GitHubIssueComment;
  changes?: { new_issue?: GitHubIssue; new_repository?: GitHubRepository };
  // push
  ref?: string;
  before?: string;
  after?: string;
  forced?: boolean;
  deleted?: boolean;
  commits?: PushCommit[];
}

/** What processing a delivery decided. */
export interface HandlerResult {
  status: "processed" | "ignored";
  reason?: string | null;
  repositoryId?: number | null;
  /** Repositories whose commits a sync must fetch (a gap, a truncated or forced push). */
  syncRepositories?: number[];
  /**
   * Pull requests and issues a payload could not be ordered against (the stored row has the same
   * `updated_at` and other content): left as stored, to be read from GitHub by a sync of the repository.
   */
  refresh?: RefreshItem[];
  /** Repositories an App installation gave: tracked and backfilled with its token. */
  trackRepositories?: { fullName: string; installationId: number }[];
}
