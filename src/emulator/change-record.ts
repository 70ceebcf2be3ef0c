/**
 * What the admin knows about one change at the moment it happens: the public event
 * (`EmulatorChange`, for subscribers) plus the records involved, who acted and what the changed
 * fields were before. The webhook sender renders its payload from this, synchronously, so a later
 * change cannot alter it.
 */
import type { EmulatorChange } from "./admin-types.js";
import type {
  Account,
  CommentRecord,
  CommitRecord,
  Identity,
  DeploymentRecord,
  DeploymentStatusRecord,
  IssueRecord,
  JobRecord,
  Label,
  ReleaseRecord,
  RepoRecord,
  ReviewCommentRecord,
  ReviewRecord,
  WorkflowRunRecord,
} from "./world-types.js";

export interface PushDetail {
  /** `refs/heads/…`: the default branch, or a pull request's head branch. */
  ref: string;
  /** Head of the default branch before the push; undefined when the branch was empty. */
  before: CommitRecord | undefined;
  /** Head after the push; undefined when the branch is empty afterwards. */
  after: CommitRecord | undefined;
  /** The commits the push added, oldest first. */
  commits: CommitRecord[];
  forced: boolean;
  /** Who pushed (git name and email of a GitHub account). */
  pusher: Identity;
}

/** Values of the changed fields before the change (GitHub's `changes: {field: {from}}`). */
export interface PreviousValues {
  title?: string;
  body?: string | null;
  name?: string;
  owner?: Account;
  description?: string | null;
  homepage?: string | null;
  topics?: string[];
}

export interface ChangeRecord {
  change: EmulatorChange;
  repo: RepoRecord;
  /** The account that made the change (`sender` of a webhook). */
  sender: Account;
  thread?: IssueRecord;
  review?: ReviewRecord;
  comment?: CommentRecord;
  push?: PushDetail;
  previous?: PreviousValues;
  /** `labeled` / `unlabeled`: the label. */
  label?: Label;
  /** `review_requested`: who was asked. */
  requestedReviewer?: Account;
  /** A push to a pull request's head (`synchronize`): head.sha before and after. */
  headMoved?: { before: string; after: string };
  /** An issue transferred: where it went (`changes.new_issue`, `changes.new_repository`). */
  movedTo?: { repo: RepoRecord; thread: IssueRecord };
  /** workflow_run, workflow_job, check_suite, check_run, deployment(_status): the run. */
  run?: WorkflowRunRecord;
  /** workflow_job, check_run, deployment_status: the job (= check run). */
  job?: JobRecord;
  deployment?: DeploymentRecord;
  deploymentStatus?: DeploymentStatusRecord;
  release?: ReleaseRecord;
  reviewComment?: ReviewCommentRecord;
}

/** What an emitted change carries besides its type, action and repository. */
export interface ChangeDetails extends Omit<ChangeRecord, "change" | "repo"> {
  number?: number;
  id?: number;
}
