/**
 * Pull request activity as GitHub applies it: open, edit, merge (squash, merge commit or rebase;
 * merged_at = closed_at, merge_commit_sha), close, reopen, and reviews. Every change moves the
 * pull request's updated_at (which is also its issue's updated_at).
 */
import type {
  Account,
  CommitRecord,
  IssueRecord,
  MergeMethod,
  RepoRecord,
  ReviewRecord,
  ReviewState,
  World,
} from "./world-types.js";
import { EmulatorError } from "./errors.js";
import { recordEvent, recordLabelChange } from "./thread-events.js";
import { appendCommit, mergeBranch, rebaseOnto } from "./mutate-history.js";
import { identityOf } from "./identities.js";
import { pullCommits } from "./pull-history.js";
import { resolveLabels } from "./mutate-issues.js";
import { slug } from "./text-pools.js";
import { nowAfter, threadOf } from "./world-queries.js";

export function pullThread(
  repo: RepoRecord,
  number: number,
): IssueRecord & { pull: NonNullable<IssueRecord["pull"]> } {
  const thread = threadOf(repo, number);
  if (!thread?.pull || thread.deleted)
    throw new EmulatorError("not_found", `pull request #${number} not found`);
  return thread as IssueRecord & { pull: NonNullable<IssueRecord["pull"]> };
}

export interface OpenPull {
  title: string;
  body: string | null;
  author: Account;
  draft: boolean;
  labels: string[];
}

export function openPull(world: World, repo: RepoRecord, spec: OpenPull): IssueRecord {
  const { rng } = world;
  const number = repo.threads.length + 1;
  const now = world.now();
  const thread: IssueRecord = {
    id: world.ids.next("issue"),
    number,
    title: spec.title,
    body: spec.body,
    user: spec.author,
    state: "open",
    stateReason: null,
    labels: resolveLabels(world, repo, spec.labels),
    assignees: [],
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closedBy: null,
    locked: false,
    deleted: false,
    comments: [],
    events: [],
    pull: {
      id: world.ids.next("pull"),
      draft: spec.draft,
      headRef: `feature/${slug(spec.title)}-${number}`,
      headSha: rng.hex(40),
      baseSha: repo.branch[repo.branch.length - 1]?.sha ?? "",
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: rng.hex(40),
      additions: rng.int(1, 500),
      deletions: rng.int(0, 200),
      changedFiles: rng.int(1, 20),
      commits: rng.int(1, 8),
      reviewComments: 0,
      draftEvents: [],
      headPushes: [],
      reviews: [],
      requestedReviewers: [],
    },
  };
  recordLabelChange(thread, [], thread.labels, now, spec.author);
  repo.threads.push(thread);
  return thread;
}

export interface EditPull {
  title?: string;
  body?: string | null;
  draft?: boolean;
  labels?: string[];
}

export function editPull(world: World, repo: RepoRecord, number: number, patch: EditPull): IssueRecord {
  const thread = pullThread(repo, number);
  if (patch.title !== undefined) thread.title = patch.title;
  if (patch.body !== undefined) thread.body = patch.body;
  if (patch.labels !== undefined) {
    const before = thread.labels;
    thread.labels = resolveLabels(world, repo, patch.labels);
    recordLabelChange(thread, before, thread.labels, nowAfter(world, thread.updatedAt), thread.user);
  }
  thread.updatedAt = nowAfter(world, thread.updatedAt);
  if (patch.draft !== undefined && patch.draft !== thread.pull.draft) {
    thread.pull.draft = patch.draft;
    const event = patch.draft ? "convert_to_draft" : "ready_for_review";
    thread.pull.draftEvents.push({ event, at: thread.updatedAt, actor: thread.user });
  }
  return thread;
}

/**
 * Merges an open pull request; returns it and the commits the merge put on the default branch.
 * `squash`: one commit by the PR's author, committed by web-flow. `merge`: a merge commit by the
 * merger whose second parent is the PR's head, bringing the PR's (older) commits onto the default
 * branch at their dates. `rebase`: copies of the PR's commits with new shas, committed by web-flow
 * now, their author dates kept. The PR's commit list stays what it was (GitHub keeps it).
 */
export function mergePull(
  world: World,
  repo: RepoRecord,
  number: number,
  by: Account,
  method: MergeMethod = "squash",
): { thread: IssueRecord; pushed: CommitRecord[] } {
  const thread = pullThread(repo, number);
  if (thread.state !== "open") throw new EmulatorError("invalid", `pull request #${number} is not open`);
  if (thread.pull.draft) throw new EmulatorError("invalid", `pull request #${number} is a draft`);
  const own = (thread.pull.commitList = pullCommits(world, thread));
  const committer = world.identities.get(world.webFlow);
  let pushed: CommitRecord[];
  if (method === "merge") {
    pushed = mergeBranch(world, repo, own, {
      author: identityOf(world.identities, by),
      committer,
      message: `Merge pull request #${number} from ${repo.owner.login}/${thread.pull.headRef}\n\n${thread.title}`,
      pull: number,
      branchHead: thread.pull.headSha,
    });
  } else if (method === "rebase") {
    pushed = rebaseOnto(world, repo, own, { committer, pull: number });
  } else {
    pushed = [
      appendCommit(world, repo, {
        author: identityOf(world.identities, thread.user),
        committer,
        message: `${thread.title} (#${number})`,
        pull: number,
      }),
    ];
  }
  const commit = pushed[pushed.length - 1] as CommitRecord;
  const at = Math.max(commit.committedAt, thread.updatedAt);
  thread.pull.merged = true;
  thread.pull.mergedAt = at;
  thread.pull.mergedBy = by;
  thread.pull.mergeCommitSha = commit.sha;
  thread.pull.requestedReviewers = [];
  close(thread, at, by);
  return { thread, pushed };
}

export function closePull(world: World, repo: RepoRecord, number: number, by: Account): IssueRecord {
  const thread = pullThread(repo, number);
  if (thread.state !== "open") throw new EmulatorError("invalid", `pull request #${number} is not open`);
  close(thread, nowAfter(world, thread.updatedAt), by);
  return thread;
}

export function reopenPull(world: World, repo: RepoRecord, number: number): IssueRecord {
  const thread = pullThread(repo, number);
  if (thread.pull.merged)
    throw new EmulatorError("invalid", `pull request #${number} is merged and cannot be reopened`);
  if (thread.state === "open") throw new EmulatorError("invalid", `pull request #${number} is already open`);
  const by = thread.closedBy ?? thread.user;
  thread.state = "open";
  thread.closedAt = null;
  thread.closedBy = null;
  thread.updatedAt = nowAfter(world, thread.updatedAt);
  recordEvent(thread, { kind: "reopened", at: thread.updatedAt, actor: by });
  return thread;
}

function close(thread: IssueRecord, at: number, by: Account): void {
  thread.state = "closed";
  thread.closedAt = at;
  thread.closedBy = by;
  thread.updatedAt = at;
  recordEvent(thread, { kind: "closed", at, actor: by });
}

/** Asks `reviewers` for a review (those not asked yet, never the author); returns who was asked. */
export function requestReviewers(
  world: World,
  repo: RepoRecord,
  number: number,
  reviewers: readonly Account[],
  by: Account,
): { thread: IssueRecord; requested: Account[] } {
  const thread = pullThread(repo, number);
  if (thread.state !== "open") throw new EmulatorError("invalid", `pull request #${number} is not open`);
  const requested = reviewers.filter(
    (reviewer, i) =>
      reviewer !== thread.user &&
      !thread.pull.requestedReviewers.includes(reviewer) &&
      reviewers.indexOf(reviewer) === i,
  );
  if (requested.length === 0) throw new EmulatorError("invalid", "nobody new to request a review from");
  const at = nowAfter(world, thread.updatedAt);
  for (const reviewer of requested) {
    thread.pull.requestedReviewers.push(reviewer);
    recordEvent(thread, { kind: "review_requested", at, actor: by, reviewer });
  }
  thread.updatedAt = at;
  return { thread, requested };
}

export const REVIEW_STATES: readonly ReviewState[] = [
  "APPROVED",
  "CHANGES_REQUESTED",
  "COMMENTED",
  "DISMISSED",
];

export function addReview(
  world: World,
  repo: RepoRecord,
  number: number,
  spec: { state: ReviewState; author: Account; body: string },
): ReviewRecord {
  const thread = pullThread(repo, number);
  const last = thread.pull.reviews[thread.pull.reviews.length - 1];
  const review: ReviewRecord = {
    id: world.ids.next("review"),
    user: spec.author,
    body: spec.body,
    state: spec.state,
    submittedAt: nowAfter(world, Math.max(last?.submittedAt ?? 0, thread.createdAt)),
    commitId: thread.pull.headSha,
  };
  thread.pull.reviews.push(review);
  thread.pull.requestedReviewers = thread.pull.requestedReviewers.filter(
    (account) => account !== spec.author,
  );
  thread.updatedAt = nowAfter(world, thread.updatedAt);
  return review;
}

/** Dismissing keeps the review (state DISMISSED) and moves the pull request's updated_at. */
export function dismissReview(
  world: World,
  repo: RepoRecord,
  number: number,
  reviewId: number,
): ReviewRecord {
  const thread = pullThread(repo, number);
  const review = thread.pull.reviews.find((candidate) => candidate.id === reviewId);
  if (!review) throw new EmulatorError("not_found", `review ${reviewId} not found on #${number}`);
  review.state = "DISMISSED";
  thread.updatedAt = nowAfter(world, thread.updatedAt);
  return review;
}
