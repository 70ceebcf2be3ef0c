/**
 * Pull requests: pull-request-simple (GET /pulls items) and pull-request (GET /pulls/{n}), which
 * alone carries merged, mergeable, additions, deletions, changed_files, commits and comments.
 */
import type { IssueRecord, PullRecord, RepoRecord } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { repoApiUrl, repoHtmlUrl } from "./render-context.js";
import { renderLabel } from "./render-label.js";
import { repository } from "./render-repository.js";
import { nullableUser, simpleUser } from "./render-user.js";
import { authorAssociation } from "./world-queries.js";
import { nodeId } from "./ids.js";
import { hash32 } from "./prng.js";
import { iso } from "./time.js";

function pullOf(thread: IssueRecord): PullRecord {
  if (!thread.pull) throw new Error(`#${thread.number} is not a pull request`);
  return thread.pull;
}

/** An item of GET /repos/{owner}/{repo}/pulls. */
export function pullRequestSimple(
  ctx: RenderContext,
  repo: RepoRecord,
  thread: IssueRecord,
): Record<string, unknown> {
  const pull = pullOf(thread);
  const api = repoApiUrl(ctx, repo);
  const html = repoHtmlUrl(ctx, repo);
  const self = `${api}/pulls/${thread.number}`;
  const branchSide = (ref: string, sha: string) => ({
    label: `${repo.owner.login}:${ref}`,
    ref,
    sha,
    user: simpleUser(ctx, repo.owner),
    repo: repository(ctx, repo),
  });
  return {
    url: self,
    id: pull.id,
    node_id: nodeId("PullRequest", pull.id),
    html_url: `${html}/pull/${thread.number}`,
    diff_url: `${html}/pull/${thread.number}.diff`,
    patch_url: `${html}/pull/${thread.number}.patch`,
    issue_url: `${api}/issues/${thread.number}`,
    number: thread.number,
    state: thread.state,
    locked: thread.locked,
    title: thread.title,
    user: simpleUser(ctx, thread.user),
    body: thread.body,
    created_at: iso(thread.createdAt),
    updated_at: iso(thread.updatedAt),
    closed_at: thread.closedAt === null ? null : iso(thread.closedAt),
    merged_at: pull.mergedAt === null ? null : iso(pull.mergedAt),
    merge_commit_sha: pull.mergeCommitSha,
    assignee: nullableUser(ctx, thread.assignees[0] ?? null),
    assignees: thread.assignees.map((account) => simpleUser(ctx, account)),
    requested_reviewers: pull.requestedReviewers.map((account) => simpleUser(ctx, account)),
    requested_teams: [],
    labels: thread.labels.map((label) => renderLabel(ctx, repo, label)),
    milestone: null,
    draft: pull.draft,
    commits_url: `${self}/commits`,
    review_comments_url: `${self}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${thread.number}/comments`,
    statuses_url: `${api}/statuses/${pull.headSha}`,
    head: branchSide(pull.headRef, pull.headSha),
    base: branchSide(repo.defaultBranch, pull.baseSha),
    _links: {
      self: { href: self },
      html: { href: `${html}/pull/${thread.number}` },
      issue: { href: `${api}/issues/${thread.number}` },
      comments: { href: `${api}/issues/${thread.number}/comments` },
      review_comments: { href: `${self}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${self}/commits` },
      statuses: { href: `${api}/statuses/${pull.headSha}` },
    },
    author_association: authorAssociation(repo, thread.user),
    auto_merge: null,
    active_lock_reason: null,
  };
}

/** GitHub computes mergeability lazily; closed pull requests report null/"unknown". */
function mergeability(thread: IssueRecord, pull: PullRecord): Record<string, unknown> {
  if (thread.state === "closed") return { mergeable: null, rebaseable: null, mergeable_state: "unknown" };
  if (pull.draft) return { mergeable: true, rebaseable: true, mergeable_state: "draft" };
  const roll = hash32(`${pull.id}:${pull.headSha}`) % 10;
  if (roll < 6) return { mergeable: true, rebaseable: true, mergeable_state: "clean" };
  if (roll < 8) return { mergeable: true, rebaseable: false, mergeable_state: "blocked" };
  if (roll < 9) return { mergeable: false, rebaseable: false, mergeable_state: "dirty" };
  return { mergeable: true, rebaseable: true, mergeable_state: "unstable" };
}

/** GET /repos/{owner}/{repo}/pulls/{pull_number}. */
export function pullRequest(
  ctx: RenderContext,
  repo: RepoRecord,
  thread: IssueRecord,
): Record<string, unknown> {
  const pull = pullOf(thread);
  return {
    ...pullRequestSimple(ctx, repo, thread),
    merged: pull.merged,
    ...mergeability(thread, pull),
    merged_by: nullableUser(ctx, pull.mergedBy),
    comments: thread.comments.length,
    review_comments: pull.reviewComments,
    maintainer_can_modify: false,
    commits: pull.commits,
    additions: pull.additions,
    deletions: pull.deletions,
    changed_files: pull.changedFiles,
  };
}
