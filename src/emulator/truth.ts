/** Converters from the in-memory records to the plain truth types (truth-types.ts). */
import type {
  CommentRecord,
  CommitRecord,
  IssueRecord,
  RepoRecord,
  ReviewRecord,
  World,
} from "./world-types.js";
import { firstReadyAt, pullCommits } from "./pull-history.js";
import type { Contribution } from "./world-queries.js";
import type {
  TruthRepository,
  TruthCommit,
  TruthPull,
  TruthReview,
  TruthIssue,
  TruthComment,
  TruthContributor,
  TruthCounts,
} from "./truth-types.js";
import { fullName, openIssuesCount } from "./world-queries.js";
import { servedContributions } from "./contributors-list.js";
import { iso } from "./time.js";
import { parentsOf } from "./render-commit.js";

const isoOrNull = (seconds: number | null) => (seconds === null ? null : iso(seconds));

export function truthRepository(repo: RepoRecord): TruthRepository {
  return {
    id: repo.id,
    owner: repo.owner.login,
    name: repo.name,
    full_name: fullName(repo),
    private: repo.private,
    archived: repo.archived,
    fork: repo.fork,
    default_branch: repo.defaultBranch,
    description: repo.description,
    language: repo.language,
    open_issues_count: openIssuesCount(repo),
    created_at: iso(repo.createdAt),
    updated_at: iso(repo.updatedAt),
    pushed_at: iso(repo.pushedAt),
  };
}

export function truthCommit(commit: CommitRecord): TruthCommit {
  return {
    sha: commit.sha,
    parents: parentsOf(commit),
    message: commit.message,
    author_login: commit.author.account?.login ?? null,
    author_id: commit.author.account?.id ?? null,
    author_name: commit.author.name,
    author_email: commit.author.email,
    authored_at: iso(commit.authoredAt),
    committer_login: commit.committer.account?.login ?? null,
    committed_at: iso(commit.committedAt),
    pull_number: commit.pull,
  };
}

export function truthPull(world: World, repo: RepoRecord, thread: IssueRecord): TruthPull {
  const pull = thread.pull;
  if (!pull) throw new Error(`#${thread.number} is not a pull request`);
  return {
    id: pull.id,
    issue_id: thread.id,
    number: thread.number,
    title: thread.title,
    body: thread.body,
    state: thread.state,
    draft: pull.draft,
    merged: pull.merged,
    merged_at: isoOrNull(pull.mergedAt),
    merged_by: pull.mergedBy?.login ?? null,
    merge_commit_sha: pull.mergeCommitSha,
    author_login: thread.user.login,
    author_id: thread.user.id,
    head_ref: pull.headRef,
    head_sha: pull.headSha,
    base_ref: repo.defaultBranch,
    base_sha: pull.baseSha,
    additions: pull.additions,
    deletions: pull.deletions,
    changed_files: pull.changedFiles,
    commits: pull.commits,
    first_commit_at: isoOrNull(
      pullCommits(world, thread).reduce<number | null>(
        (min, c) => (min === null || c.authoredAt < min ? c.authoredAt : min),
        null,
      ),
    ),
    ready_for_review_at: isoOrNull(firstReadyAt(thread)),
    comments: thread.comments.length,
    review_comments: pull.reviewComments,
    reviews: pull.reviews.length,
    labels: thread.labels.map((label) => label.name),
    created_at: iso(thread.createdAt),
    updated_at: iso(thread.updatedAt),
    closed_at: isoOrNull(thread.closedAt),
  };
}

export function truthReview(number: number, review: ReviewRecord): TruthReview {
  return {
    id: review.id,
    pull_number: number,
    user_login: review.user.login,
    user_id: review.user.id,
    state: review.state,
    body: review.body,
    commit_id: review.commitId,
    submitted_at: iso(review.submittedAt),
  };
}

export function truthIssue(thread: IssueRecord): TruthIssue {
  return {
    id: thread.id,
    number: thread.number,
    title: thread.title,
    body: thread.body,
    state: thread.state,
    state_reason: thread.stateReason,
    author_login: thread.user.login,
    author_id: thread.user.id,
    labels: thread.labels.map((label) => label.name),
    assignees: thread.assignees.map((account) => account.login),
    comments: thread.comments.length,
    locked: thread.locked,
    closed_by: thread.closedBy?.login ?? null,
    created_at: iso(thread.createdAt),
    updated_at: iso(thread.updatedAt),
    closed_at: isoOrNull(thread.closedAt),
  };
}

export function truthComment(repo: RepoRecord, comment: CommentRecord): TruthComment {
  return {
    id: comment.id,
    issue_number: comment.issueNumber,
    on_pull_request: repo.threads[comment.issueNumber - 1]?.pull != null,
    user_login: comment.user.login,
    user_id: comment.user.id,
    body: comment.body,
    created_at: iso(comment.createdAt),
    updated_at: iso(comment.updatedAt),
  };
}

export function truthContributor(entry: Contribution): TruthContributor {
  return {
    login: entry.account?.login ?? null,
    id: entry.account?.id ?? null,
    type: entry.account?.type ?? "Anonymous",
    name: entry.account ? entry.account.name : (entry.identity?.name ?? null),
    email: entry.account ? null : (entry.identity?.email ?? null),
    contributions: entry.contributions,
  };
}

export function truthCounts(world: World, repos: readonly RepoRecord[]): TruthCounts {
  const counts: TruthCounts = {
    repositories: 0,
    commits: 0,
    pull_requests: 0,
    reviews: 0,
    issues: 0,
    comments: 0,
    contributors: 0,
  };
  for (const repo of repos) {
    counts.repositories++;
    counts.commits += repo.branch.length;
    counts.comments += repo.comments.length;
    counts.contributors += servedContributions(world, repo).filter((entry) => entry.account !== null).length;
    for (const thread of repo.threads) {
      if (thread.deleted) continue;
      if (thread.pull) {
        counts.pull_requests++;
        counts.reviews += thread.pull.reviews.length;
      } else {
        counts.issues++;
      }
    }
  }
  return counts;
}
