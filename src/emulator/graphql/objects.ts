/**
 * The emulator's records as GraphQL objects of GitHub's schema: plain objects whose fields are
 * values or functions of the field's arguments (graphql-js calls them). They carry what the REST
 * renderers serve — `databaseId` is the REST `id`, `id` the REST `node_id`, the same timestamps,
 * authors and orders — spelt as GraphQL spells it: a bot's login without "[bot]", states in
 * capitals, a merged pull request's state MERGED, `body` never null. A field not written here
 * is answered with an error naming it (execute.ts), never a silent null.
 */
import { GraphQLError } from "graphql";
import type { RenderContext } from "../render-context.js";
import { repoHtmlUrl } from "../render-context.js";
import { avatarUrl } from "../render-user.js";
import { nodeId } from "../ids.js";
import { PULL_COMMITS_LIMIT, pullCommits } from "../pull-history.js";
import { iso } from "../time.js";
import { timelineItems, type TimelineItem } from "../timeline-items.js";
import { findCommit, fullName, lookupRepo } from "../world-queries.js";
import type {
  Account,
  CommentRecord,
  CommitRecord,
  IssueRecord,
  Label,
  RepoRecord,
  ReviewRecord,
  ThreadEvent,
} from "../world-types.js";
import { commitCheckSuites } from "./checks.js";
import { connection, type PageArgs, type Position } from "./connection.js";
import { timelineEventNodeId } from "./event-ids.js";

/** What resolving needs: the request's render context and which repositories its token sees. */
export interface Scope {
  ctx: RenderContext;
  canSee(repo: RepoRecord): boolean;
}

type GraphqlObject = Record<string, unknown> & { __typename: string };
const isoOrNull = (seconds: number | null) => (seconds === null ? null : iso(seconds));

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type: "NOT_FOUND" } });
}

export function visible(scope: Scope, repo: RepoRecord): boolean {
  return !repo.deleted && scope.canSee(repo) && (!repo.private || scope.ctx.viewer !== null);
}

/**
 * The REST id of a pull request, review, issue or comment: `fullDatabaseId` is a BigInt, sent as
 * a string; the deprecated `databaseId` is a 32-bit Int, which GitHub's schema cannot serialize
 * past 2^31 — the field then answers an error, as on GitHub.
 */
function databaseIds(id: number): { databaseId: number; fullDatabaseId: string } {
  return { databaseId: id, fullDatabaseId: String(id) };
}

function actorType(account: Account): "User" | "Bot" | "Organization" {
  return account.type === "Bot" ? "Bot" : account.type === "Organization" ? "Organization" : "User";
}

export function actor(scope: Scope, account: Account | null): GraphqlObject | null {
  if (!account) return null;
  const type = actorType(account);
  // GraphQL names a bot by its app's slug: REST's "dependabot[bot]" is "dependabot" here.
  const login = type === "Bot" ? account.login.replace(/\[bot\]$/, "") : account.login;
  return {
    __typename: type,
    id: nodeId(type, account.id),
    databaseId: account.id,
    login,
    avatarUrl: avatarUrl(scope.ctx, account),
    url: type === "Bot" ? `${scope.ctx.base}/apps/${login}` : `${scope.ctx.base}/${account.login}`,
    ...(type === "Bot" ? {} : { name: account.name }),
  };
}

function gitActor(scope: Scope, identity: CommitRecord["author"], at: number): GraphqlObject {
  return {
    __typename: "GitActor",
    name: identity.name,
    email: identity.email,
    date: iso(at),
    user: identity.account ? actor(scope, identity.account) : null,
  };
}

function commit(scope: Scope, repo: RepoRecord, record: CommitRecord): GraphqlObject {
  return {
    __typename: "Commit",
    id: nodeId("Commit", `${repo.id}:${record.sha}`),
    oid: record.sha,
    message: record.message,
    authoredDate: iso(record.authoredAt),
    committedDate: iso(record.committedAt),
    author: gitActor(scope, record.author, record.authoredAt),
    committer: gitActor(scope, record.committer, record.committedAt),
    checkSuites: commitCheckSuites(scope, repo, record.sha),
  };
}

/**
 * A commit named by sha (a review's, a merge's). Its record is looked up only when a field
 * beyond `oid` is asked: finding a pull request's commit derives whole commit lists. A sha the
 * repository does not have (a test merge) answers its oid alone.
 */
function commitBySha(scope: Scope, repo: RepoRecord, sha: string | null): GraphqlObject | null {
  if (!sha) return null;
  let record: CommitRecord | undefined | null = null;
  const field = (name: string) => () => {
    record ??= findCommit(scope.ctx.world, repo, sha);
    if (!record) throw new GraphQLError(`Field 'Commit.${name}' is not implemented by the ghsync emulator`);
    return commit(scope, repo, record)[name];
  };
  return {
    __typename: "Commit",
    oid: sha,
    checkSuites: commitCheckSuites(scope, repo, sha),
    ...Object.fromEntries(
      ["id", "message", "authoredDate", "committedDate", "author", "committer"].map((name) => [
        name,
        field(name),
      ]),
    ),
  };
}

function label(label: Label): GraphqlObject {
  return {
    __typename: "Label",
    id: nodeId("Label", label.id),
    name: label.name,
    color: label.color,
    description: label.description,
  };
}

function threadUrl(scope: Scope, repo: RepoRecord, thread: IssueRecord): string {
  return `${repoHtmlUrl(scope.ctx, repo)}/${thread.pull ? "pull" : "issues"}/${thread.number}`;
}

export function review(
  scope: Scope,
  repo: RepoRecord,
  thread: IssueRecord,
  record: ReviewRecord,
): GraphqlObject {
  return {
    __typename: "PullRequestReview",
    id: nodeId("PullRequestReview", record.id),
    ...databaseIds(record.id),
    state: record.state,
    body: record.body,
    submittedAt: iso(record.submittedAt),
    createdAt: iso(record.submittedAt),
    url: `${threadUrl(scope, repo, thread)}#pullrequestreview-${record.id}`,
    author: actor(scope, record.user),
    commit: commitBySha(scope, repo, record.commitId),
  };
}

export function comment(
  scope: Scope,
  repo: RepoRecord,
  thread: IssueRecord,
  record: CommentRecord,
): GraphqlObject {
  return {
    __typename: "IssueComment",
    id: nodeId("IssueComment", record.id),
    ...databaseIds(record.id),
    body: record.body,
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
    url: `${threadUrl(scope, repo, thread)}#issuecomment-${record.id}`,
    author: actor(scope, record.user),
  };
}

const EVENT_TYPES: Record<ThreadEvent["kind"], string> = {
  labeled: "LabeledEvent",
  unlabeled: "UnlabeledEvent",
  closed: "ClosedEvent",
  reopened: "ReopenedEvent",
  review_requested: "ReviewRequestedEvent",
  "cross-referenced": "CrossReferencedEvent",
};

/** A timeline item as its GraphQL type (what REST's timeline lists, in the same order). */
function timelineItem(
  scope: Scope,
  repo: RepoRecord,
  thread: IssueRecord,
  item: TimelineItem,
): GraphqlObject {
  // `name` and `subject`: the REST event's name and what it names, from which its id is derived.
  const event = (
    type: string,
    actorAccount: Account,
    name: string,
    subject: string,
    extra: Record<string, unknown> = {},
  ) => ({
    __typename: type,
    id: timelineEventNodeId(type, thread.id, name, item.at, subject),
    createdAt: iso(item.at),
    actor: actor(scope, actorAccount),
    ...extra,
  });
  switch (item.kind) {
    case "committed":
      return { __typename: "PullRequestCommit", commit: commit(scope, repo, item.commit) };
    case "reviewed":
      return review(scope, repo, thread, item.review);
    case "commented":
      return comment(scope, repo, thread, item.comment);
    case "ready_for_review":
      return event("ReadyForReviewEvent", item.actor, item.kind, "");
    case "convert_to_draft":
      return event("ConvertToDraftEvent", item.actor, item.kind, "");
    case "head_ref_force_pushed":
      return event("HeadRefForcePushedEvent", item.actor, item.kind, item.push.after, {
        beforeCommit: commitBySha(scope, repo, item.push.before),
        afterCommit: commitBySha(scope, repo, item.push.after),
      });
    case "merged":
      return event("MergedEvent", item.actor, "merged", "", {
        commit: commitBySha(scope, repo, item.commitId),
      });
    case "event": {
      const recorded = item.event;
      const subject = recorded.label?.name ?? recorded.reviewer?.login ?? "";
      return event(EVENT_TYPES[recorded.kind], recorded.actor, recorded.kind, subject, {
        ...(recorded.label ? { label: label(recorded.label) } : {}),
        ...(recorded.reviewer ? { requestedReviewer: actor(scope, recorded.reviewer) } : {}),
        ...(recorded.source ? { source: threadObject(scope, repo, recorded.source) } : {}),
      });
    }
  }
}

/** `ReadyForReviewEvent` → `READY_FOR_REVIEW_EVENT`, the `itemTypes` spelling. */
function itemType(typename: string): string {
  return typename.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

function timeline(scope: Scope, repo: RepoRecord, thread: IssueRecord) {
  return (args: PageArgs & { itemTypes?: string[] | null }) => {
    const items = timelineItems(scope.ctx.world, thread).map((item) =>
      timelineItem(scope, repo, thread, item),
    );
    const wanted = args.itemTypes?.length ? new Set(args.itemTypes) : null;
    return connection(
      wanted ? items.filter((item) => wanted.has(itemType(item.__typename))) : items,
      args,
      (item) => item,
    );
  };
}

function pullRequest(scope: Scope, repo: RepoRecord, thread: IssueRecord): GraphqlObject {
  const pull = thread.pull as NonNullable<IssueRecord["pull"]>;
  return {
    ...threadFields(scope, repo, thread),
    __typename: "PullRequest",
    id: nodeId("PullRequest", pull.id),
    ...databaseIds(pull.id),
    state: pull.merged ? "MERGED" : thread.state.toUpperCase(),
    isDraft: pull.draft,
    merged: pull.merged,
    mergedAt: isoOrNull(pull.mergedAt),
    mergedBy: actor(scope, pull.mergedBy),
    baseRefName: repo.defaultBranch,
    baseRefOid: pull.baseSha,
    headRefName: pull.headRef,
    headRefOid: pull.headSha,
    mergeCommit: pull.merged ? commitBySha(scope, repo, pull.mergeCommitSha) : null,
    potentialMergeCommit: pull.merged ? null : commitBySha(scope, repo, pull.mergeCommitSha),
    additions: pull.additions,
    deletions: pull.deletions,
    changedFiles: pull.changedFiles,
    reviews: (args: PageArgs) =>
      connection(
        [...pull.reviews].sort((a, b) => a.submittedAt - b.submittedAt || a.id - b.id),
        args,
        (record) => review(scope, repo, thread, record),
      ),
    commits: (args: PageArgs) =>
      connection(pullCommits(scope.ctx.world, thread).slice(0, PULL_COMMITS_LIMIT), args, (record) => ({
        __typename: "PullRequestCommit",
        id: nodeId("PullRequestCommit", `${pull.id}:${record.sha}`),
        commit: commit(scope, repo, record),
      })),
  };
}

function issue(scope: Scope, repo: RepoRecord, thread: IssueRecord): GraphqlObject {
  return {
    ...threadFields(scope, repo, thread),
    __typename: "Issue",
    id: nodeId("Issue", thread.id),
    ...databaseIds(thread.id),
    state: thread.state.toUpperCase(),
    stateReason: thread.stateReason?.toUpperCase() ?? null,
  };
}

/** What issues and pull requests share. */
function threadFields(scope: Scope, repo: RepoRecord, thread: IssueRecord): Record<string, unknown> {
  return {
    number: thread.number,
    title: thread.title,
    body: thread.body ?? "",
    url: threadUrl(scope, repo, thread),
    createdAt: iso(thread.createdAt),
    updatedAt: iso(thread.updatedAt),
    closedAt: isoOrNull(thread.closedAt),
    closed: thread.state === "closed",
    locked: thread.locked,
    author: actor(scope, thread.user),
    repository: () => repository(scope, repo),
    labels: (args: PageArgs) => connection(thread.labels, args, label),
    assignees: (args: PageArgs) => connection(thread.assignees, args, (account) => actor(scope, account)),
    comments: (args: PageArgs) =>
      connection(thread.comments, args, (record) => comment(scope, repo, thread, record)),
    timelineItems: timeline(scope, repo, thread),
  };
}

export function threadObject(scope: Scope, repo: RepoRecord, thread: IssueRecord): GraphqlObject {
  return thread.pull ? pullRequest(scope, repo, thread) : issue(scope, repo, thread);
}

interface ListArgs extends PageArgs {
  states?: string[] | null;
  orderBy?: { field: string; direction: string } | null;
  filterBy?: { since?: string | null } | null;
}

/** Threads in the order asked (default: oldest created first), with keyset positions. */
function orderedThreads(threads: IssueRecord[], args: ListArgs) {
  const field = args.orderBy?.field ?? "CREATED_AT";
  const sign = args.orderBy?.direction === "DESC" ? -1 : 1;
  const key = (thread: IssueRecord) =>
    field === "UPDATED_AT"
      ? thread.updatedAt
      : field === "COMMENTS"
        ? thread.comments.length
        : thread.createdAt;
  const position = (thread: IssueRecord): Position => [sign * key(thread), sign * thread.number];
  threads.sort((a, b) => sign * (key(a) - key(b)) || sign * (a.number - b.number));
  return { threads, position };
}

function stateOf(thread: IssueRecord): string {
  return thread.pull?.merged ? "MERGED" : thread.state.toUpperCase();
}

export function repository(scope: Scope, repo: RepoRecord): GraphqlObject {
  const threads = (pulls: boolean, args: ListArgs) => {
    const since = args.filterBy?.since ? Date.parse(args.filterBy.since) / 1000 : null;
    const states = args.states?.length ? new Set(args.states) : null;
    return repo.threads.filter(
      (thread) =>
        !thread.deleted &&
        (thread.pull !== null) === pulls &&
        (!states || states.has(stateOf(thread))) &&
        (since === null || thread.updatedAt >= since),
    );
  };
  const byNumber = (number: number, kind: "pull" | "issue" | "either") => {
    const thread = repo.threads[number - 1];
    const fits =
      thread && !thread.deleted && (kind === "either" || (thread.pull !== null) === (kind === "pull"));
    if (!fits)
      throw notFound(
        `Could not resolve to a${kind === "issue" ? "n Issue" : kind === "pull" ? " PullRequest" : "n issue or pull request"} with the number of ${number}.`,
      );
    return threadObject(scope, repo, thread);
  };
  return {
    __typename: "Repository",
    id: nodeId("Repository", repo.id),
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: fullName(repo),
    owner: actor(scope, repo.owner),
    isPrivate: repo.private,
    isArchived: repo.archived,
    isFork: repo.fork,
    description: repo.description,
    defaultBranchRef: { __typename: "Ref", name: repo.defaultBranch },
    createdAt: iso(repo.createdAt),
    updatedAt: iso(repo.updatedAt),
    pushedAt: iso(repo.pushedAt),
    url: repoHtmlUrl(scope.ctx, repo),
    pullRequests: (args: ListArgs) => {
      const { threads: ordered, position } = orderedThreads(threads(true, args), args);
      return connection(ordered, args, (thread) => pullRequest(scope, repo, thread), position);
    },
    issues: (args: ListArgs) => {
      const { threads: ordered, position } = orderedThreads(threads(false, args), args);
      return connection(ordered, args, (thread) => issue(scope, repo, thread), position);
    },
    pullRequest: (args: { number: number }) => byNumber(args.number, "pull"),
    issue: (args: { number: number }) => byNumber(args.number, "issue"),
    issueOrPullRequest: (args: { number: number }) => byNumber(args.number, "either"),
    // A git object by id: the commits the emulator has (no trees, blobs or tags); null for others.
    object: (args: { oid?: string | null }) => {
      const record = args.oid ? findCommit(scope.ctx.world, repo, args.oid) : undefined;
      return record ? commit(scope, repo, record) : null;
    },
  };
}

/** `repository(owner:, name:)`: renamed and transferred names resolve, as REST redirects them. */
export function repositoryByName(scope: Scope, owner: string, name: string): GraphqlObject {
  const found = lookupRepo(scope.ctx.world, owner, name);
  if (found.kind === "missing" || !visible(scope, found.repo))
    throw notFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
  return repository(scope, found.repo);
}
