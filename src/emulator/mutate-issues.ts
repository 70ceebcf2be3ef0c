/**
 * Issue and comment activity as GitHub applies it. A new or deleted comment moves its issue's
 * updated_at and comment count; editing a comment moves only the comment's updated_at (so a sync
 * must poll repository-wide comments by updated_at to see edits). Deleting an issue makes it 410.
 */
import type {
  Account,
  CommentRecord,
  IssueRecord,
  Label,
  RepoRecord,
  StateReason,
  World,
} from "./world-types.js";
import { EmulatorError } from "./errors.js";
import { recordEvent, recordLabelChange } from "./thread-events.js";
import { nowAfter, threadOf } from "./world-queries.js";

function liveThread(repo: RepoRecord, number: number): IssueRecord {
  const thread = threadOf(repo, number);
  if (!thread || thread.deleted) throw new EmulatorError("not_found", `issue #${number} not found`);
  return thread;
}

function plainIssue(repo: RepoRecord, number: number): IssueRecord {
  const thread = liveThread(repo, number);
  if (thread.pull)
    throw new EmulatorError("invalid", `#${number} is a pull request; use the pull request mutations`);
  return thread;
}

/** Label names → labels; unknown names are created, as the issues API does. */
export function resolveLabels(world: World, repo: RepoRecord, names: readonly string[]): Label[] {
  return names.map((name) => {
    const existing = repo.labels.find((label) => label.name.toLowerCase() === name.toLowerCase());
    if (existing) return existing;
    const created: Label = {
      id: world.ids.next("label"),
      name,
      color: "ededed",
      description: null,
      default: false,
    };
    repo.labels.push(created);
    return created;
  });
}

export function openIssue(
  world: World,
  repo: RepoRecord,
  spec: { title: string; body: string | null; author: Account; labels: string[] },
): IssueRecord {
  const now = world.now();
  const thread: IssueRecord = {
    id: world.ids.next("issue"),
    number: repo.threads.length + 1,
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
    pull: null,
  };
  recordLabelChange(thread, [], thread.labels, now, spec.author);
  repo.threads.push(thread);
  return thread;
}

export interface EditIssue {
  title?: string;
  body?: string | null;
  labels?: string[];
  assignees?: Account[];
}

export function editIssue(world: World, repo: RepoRecord, number: number, patch: EditIssue): IssueRecord {
  const thread = plainIssue(repo, number);
  if (patch.title !== undefined) thread.title = patch.title;
  if (patch.body !== undefined) thread.body = patch.body;
  thread.updatedAt = nowAfter(world, thread.updatedAt);
  if (patch.labels !== undefined) {
    const before = thread.labels;
    thread.labels = resolveLabels(world, repo, patch.labels);
    recordLabelChange(thread, before, thread.labels, thread.updatedAt, thread.user);
  }
  if (patch.assignees !== undefined) thread.assignees = patch.assignees;
  return thread;
}

export function closeIssue(
  world: World,
  repo: RepoRecord,
  number: number,
  by: Account,
  reason: StateReason,
): IssueRecord {
  const thread = plainIssue(repo, number);
  if (thread.state === "closed") throw new EmulatorError("invalid", `issue #${number} is already closed`);
  const at = nowAfter(world, thread.updatedAt);
  thread.state = "closed";
  thread.stateReason = reason;
  thread.closedAt = at;
  thread.closedBy = by;
  thread.updatedAt = at;
  recordEvent(thread, { kind: "closed", at, actor: by });
  return thread;
}

export function reopenIssue(world: World, repo: RepoRecord, number: number): IssueRecord {
  const thread = plainIssue(repo, number);
  if (thread.state === "open") throw new EmulatorError("invalid", `issue #${number} is already open`);
  // GitHub names who reopened it; the admin does not say: the one who closed it.
  const by = thread.closedBy ?? thread.user;
  thread.state = "open";
  thread.stateReason = "reopened";
  thread.closedAt = null;
  thread.closedBy = null;
  thread.updatedAt = nowAfter(world, thread.updatedAt);
  recordEvent(thread, { kind: "reopened", at: thread.updatedAt, actor: by });
  return thread;
}

/** Deleted issues answer 410 Gone; their comments disappear from every list. */
export function deleteIssue(repo: RepoRecord, number: number): IssueRecord {
  const thread = plainIssue(repo, number);
  thread.deleted = true;
  const gone = new Set(thread.comments);
  repo.comments = repo.comments.filter((comment) => !gone.has(comment));
  return thread;
}

export function addComment(
  world: World,
  repo: RepoRecord,
  number: number,
  author: Account,
  body: string,
): CommentRecord {
  const thread = liveThread(repo, number);
  const at = nowAfter(world, thread.updatedAt);
  const comment: CommentRecord = {
    id: world.ids.next("comment"),
    issueNumber: number,
    user: author,
    body,
    createdAt: at,
    updatedAt: at,
  };
  thread.comments.push(comment);
  repo.comments.push(comment);
  thread.updatedAt = at;
  return comment;
}

function findComment(repo: RepoRecord, id: number): CommentRecord {
  const comment = repo.comments.find((candidate) => candidate.id === id);
  if (!comment) throw new EmulatorError("not_found", `comment ${id} not found`);
  return comment;
}

export function editComment(world: World, repo: RepoRecord, id: number, body: string): CommentRecord {
  const comment = findComment(repo, id);
  comment.body = body;
  comment.updatedAt = nowAfter(world, comment.updatedAt);
  return comment;
}

export function deleteComment(world: World, repo: RepoRecord, id: number): CommentRecord {
  const comment = findComment(repo, id);
  const thread = liveThread(repo, comment.issueNumber);
  repo.comments = repo.comments.filter((candidate) => candidate !== comment);
  thread.comments = thread.comments.filter((candidate) => candidate !== comment);
  thread.updatedAt = nowAfter(world, thread.updatedAt);
  return comment;
}

/**
 * Moves an issue to another repository of the same owner, as GitHub's transfer does: a new issue
 * (new id, the next number there) with the title, body, author, state, comments and timeline; the
 * old one leaves its repository's lists and its URL answers 301 to the new one. Labels the target
 * has (by name) and assignees who are members stay; the rest are dropped. From a private
 * repository to a public one is refused ("Transferring an issue to another repository", GitHub
 * Docs).
 */
export function transferIssue(world: World, from: RepoRecord, number: number, to: RepoRecord): IssueRecord {
  const old = plainIssue(from, number);
  if (to === from) throw new EmulatorError("invalid", "an issue cannot be transferred to its own repository");
  if (to.owner !== from.owner)
    throw new EmulatorError(
      "invalid",
      "issues can only be transferred between repositories of the same owner",
    );
  if (to.archived || to.deleted) throw new EmulatorError("invalid", `${to.name} cannot receive issues`);
  if (from.private && !to.private)
    throw new EmulatorError(
      "invalid",
      "an issue of a private repository cannot be transferred to a public one",
    );
  const sameName = (label: Label) =>
    to.labels.find((candidate) => candidate.name.toLowerCase() === label.name.toLowerCase());
  const at = nowAfter(world, Math.max(old.updatedAt, to.updatedAt));
  const moved: IssueRecord = {
    ...old,
    id: world.ids.next("issue"),
    number: to.threads.length + 1,
    labels: old.labels.map(sameName).filter((label): label is Label => label !== undefined),
    assignees: old.assignees.filter((assignee) => assignee.member),
    updatedAt: at,
    comments: old.comments.map((comment) => ({ ...comment, issueNumber: to.threads.length + 1 })),
  };
  to.threads.push(moved);
  to.comments = [...to.comments, ...moved.comments].sort((a, b) => a.id - b.id);
  const gone = new Set(old.comments);
  from.comments = from.comments.filter((comment) => !gone.has(comment));
  old.deleted = true;
  old.movedTo = { repo: to, thread: moved };
  return moved;
}
