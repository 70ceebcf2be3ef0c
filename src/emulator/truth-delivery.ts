/**
 * The truth of delivery data as plain data (snake_case, ISO timestamps, logins), and the counts a
 * mirror should reach: `workflow_runs` (every run, once, whatever its attempts), `check_runs`
 * (every job of every attempt: a job is a check run), `deployments`, `releases` (drafts included:
 * a token that can push sees them, and every token here can), `review_comments` (those of live
 * pull requests). `deliveryRecords` hands tests the raw records to recompute figures (DORA) from.
 */
import type {
  CommitRecord,
  DeploymentRecord,
  IssueRecord,
  ReleaseRecord,
  RepoRecord,
  ReviewCommentRecord,
  TeamRecord,
  WorkflowRecord,
  WorkflowRunRecord,
} from "./world-types.js";
import { iso } from "./time.js";

const isoOrNull = (seconds: number | null) => (seconds === null ? null : iso(seconds));

export interface TruthDeliveryCounts {
  workflow_runs: number;
  check_runs: number;
  deployments: number;
  releases: number;
  review_comments: number;
}

export interface TruthJob {
  id: number;
  name: string;
  run_attempt: number;
  status: string;
  conclusion: string | null;
  started_at: string;
  completed_at: string | null;
}

export interface TruthWorkflowRun {
  id: number;
  workflow_id: number;
  workflow: string;
  path: string;
  event: string;
  head_branch: string;
  head_sha: string;
  run_number: number;
  run_attempt: number;
  status: string;
  conclusion: string | null;
  actor: string;
  pull_number: number | null;
  created_at: string;
  run_started_at: string;
  updated_at: string;
  check_suite_id: number;
  jobs: TruthJob[];
}

export interface TruthDeploymentStatus {
  id: number;
  state: string;
  created_at: string;
}

export interface TruthDeployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  creator: string;
  created_at: string;
  updated_at: string;
  /** Oldest first. */
  statuses: TruthDeploymentStatus[];
}

export interface TruthRelease {
  id: number;
  tag_name: string;
  sha: string;
  name: string;
  author: string;
  draft: boolean;
  prerelease: boolean;
  created_at: string;
  published_at: string | null;
}

export interface TruthReviewComment {
  id: number;
  pull_number: number;
  pull_request_review_id: number;
  user_login: string;
  body: string;
  path: string;
  line: number;
  commit_id: string;
  original_commit_id: string;
  in_reply_to_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface TruthTeam {
  id: number;
  slug: string;
  name: string;
  members: { login: string; role: string }[];
  repositories: string[];
}

/** The raw records of one repository's delivery data (read-only by convention). */
export interface DeliveryRecords {
  workflows: readonly WorkflowRecord[];
  runs: readonly WorkflowRunRecord[];
  deployments: readonly DeploymentRecord[];
  releases: readonly ReleaseRecord[];
  reviewComments: readonly ReviewCommentRecord[];
  /** Issues labelled `incident`. */
  incidents: readonly IssueRecord[];
  /** The default branch, oldest first (a deployment's sha is its head at the deployment's creation). */
  branch: readonly CommitRecord[];
}

export function truthWorkflowRun(run: WorkflowRunRecord): TruthWorkflowRun {
  return {
    id: run.id,
    workflow_id: run.workflow.id,
    workflow: run.workflow.name,
    path: run.workflow.path,
    event: run.event,
    head_branch: run.headBranch,
    head_sha: run.headSha,
    run_number: run.runNumber,
    run_attempt: run.runAttempt,
    status: run.status,
    conclusion: run.conclusion,
    actor: run.actor.login,
    pull_number: run.pull,
    created_at: iso(run.createdAt),
    run_started_at: iso(run.runStartedAt),
    updated_at: iso(run.updatedAt),
    check_suite_id: run.checkSuiteId,
    jobs: run.jobs.map((job) => ({
      id: job.id,
      name: job.name,
      run_attempt: job.runAttempt,
      status: job.status,
      conclusion: job.conclusion,
      started_at: iso(job.startedAt),
      completed_at: isoOrNull(job.completedAt),
    })),
  };
}

export function truthDeployment(deployment: DeploymentRecord): TruthDeployment {
  return {
    id: deployment.id,
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    environment: deployment.environment,
    creator: deployment.creator.login,
    created_at: iso(deployment.createdAt),
    updated_at: iso(deployment.updatedAt),
    statuses: deployment.statuses.map((status) => ({
      id: status.id,
      state: status.state,
      created_at: iso(status.createdAt),
    })),
  };
}

export function truthRelease(release: ReleaseRecord): TruthRelease {
  return {
    id: release.id,
    tag_name: release.tagName,
    sha: release.sha,
    name: release.name,
    author: release.author.login,
    draft: release.draft,
    prerelease: release.prerelease,
    created_at: iso(release.createdAt),
    published_at: isoOrNull(release.publishedAt),
  };
}

export function truthReviewComment(comment: ReviewCommentRecord): TruthReviewComment {
  return {
    id: comment.id,
    pull_number: comment.pullNumber,
    pull_request_review_id: comment.review.id,
    user_login: comment.user.login,
    body: comment.body,
    path: comment.path,
    line: comment.line,
    commit_id: comment.commitId,
    original_commit_id: comment.originalCommitId,
    in_reply_to_id: comment.inReplyTo?.id ?? null,
    created_at: iso(comment.createdAt),
    updated_at: iso(comment.updatedAt),
  };
}

export function truthTeam(team: TeamRecord): TruthTeam {
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    members: team.members.map((member) => ({ login: member.account.login, role: member.role })),
    repositories: team.repos
      .filter(({ repo }) => !repo.deleted)
      .map(({ repo }) => `${repo.owner.login}/${repo.name}`),
  };
}

/** Review comments of pull requests that are still served (not deleted or moved). */
export function liveReviewComments(repo: RepoRecord): ReviewCommentRecord[] {
  return repo.reviewComments.filter((comment) => repo.threads[comment.pullNumber - 1]?.deleted === false);
}

export function deliveryCounts(repos: readonly RepoRecord[]): TruthDeliveryCounts {
  const counts: TruthDeliveryCounts = {
    workflow_runs: 0,
    check_runs: 0,
    deployments: 0,
    releases: 0,
    review_comments: 0,
  };
  for (const repo of repos) {
    counts.workflow_runs += repo.runs.length;
    counts.check_runs += repo.runs.reduce((sum, run) => sum + run.jobs.length, 0);
    counts.deployments += repo.deployments.length;
    counts.releases += repo.releases.length;
    counts.review_comments += liveReviewComments(repo).length;
  }
  return counts;
}

export function deliveryRecords(repo: RepoRecord): DeliveryRecords {
  return {
    workflows: repo.workflows,
    runs: repo.runs,
    deployments: repo.deployments,
    releases: repo.releases,
    reviewComments: repo.reviewComments,
    incidents: repo.threads.filter(
      (thread) => !thread.deleted && thread.labels.some((label) => label.name === "incident"),
    ),
    branch: repo.branch,
  };
}
