/**
 * Webhook payloads in GitHub's shapes (compare @octokit/webhooks-examples), rendered with the same
 * functions as the REST endpoints so ids, URLs and timestamps match what the API serves at that
 * moment. GitHub's quirks are kept: a push's `repository` has epoch-second `created_at` and
 * `pushed_at`, its html address as `url`, `stargazers`, `master_branch` and the owner's name and
 * email; review states are lower case; org hooks get an `organization` object.
 */
import type { ChangeRecord, PreviousValues, PushDetail } from "./change-record.js";
import type { Account, CommitRecord, Identity, IssueRecord, RepoRecord } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { repoHtmlUrl } from "./render-context.js";
import { renderComment } from "./render-comment.js";
import { commitFiles } from "./render-commit.js";
import { renderIssue } from "./render-issue.js";
import { renderLabel } from "./render-label.js";
import { pullRequest, pullRequestSimple } from "./render-pull.js";
import { repository } from "./render-repository.js";
import { renderReview } from "./render-review.js";
import { simpleUser } from "./render-user.js";
import { derivedSha, nodeId } from "./ids.js";
import { iso } from "./time.js";
import { deliveryBody } from "./webhook-payloads-delivery.js";

export interface BuiltWebhook {
  /** X-GitHub-Event. */
  event: string;
  /** The payload's `action` (push has none). */
  action: string | null;
  payload: Record<string, unknown>;
}

export const NULL_SHA = "0".repeat(40);
/** GitHub lists at most this many commits in a push delivery (the oldest ones are kept here). */
export const PUSH_COMMIT_LIMIT = 2048;

type Payload = Record<string, unknown>;

/** The payload of one change, rendered now. */
export function buildWebhook(ctx: RenderContext, record: ChangeRecord): BuiltWebhook {
  const { change } = record;
  if (change.type === "push") return { event: "push", action: null, payload: pushPayload(ctx, record) };
  const action = change.action;
  const payload = { action, ...body(ctx, record), ...envelope(ctx, record.repo, record.sender) };
  return { event: change.type, action, payload };
}

/** `repository`, `organization` (org-owned repositories, as an organization hook gets it), `sender`. */
function envelope(ctx: RenderContext, repo: RepoRecord, sender: Account): Payload {
  return {
    repository: webhookRepository(ctx, repo),
    ...(repo.owner.type === "Organization" ? { organization: organization(ctx, repo.owner) } : {}),
    sender: simpleUser(ctx, sender),
  };
}

function body(ctx: RenderContext, record: ChangeRecord): Payload {
  const { change, repo } = record;
  const thread = record.thread;
  switch (change.type) {
    case "pull_request":
      if (!thread) throw new Error("pull_request change without its pull request");
      return {
        number: thread.number,
        ...textChanges(change.action, record),
        ...(record.headMoved ?? {}),
        ...(record.requestedReviewer
          ? { requested_reviewer: simpleUser(ctx, record.requestedReviewer) }
          : {}),
        ...(record.label ? { label: renderLabel(ctx, repo, record.label) } : {}),
        pull_request: pullRequest(ctx, repo, thread),
      };
    case "pull_request_review": {
      if (!thread || !record.review) throw new Error("pull_request_review change without its review");
      const review = renderReview(ctx, repo, thread, record.review);
      return {
        review: { ...review, state: String(review.state).toLowerCase() },
        pull_request: pullRequestSimple(ctx, repo, thread),
      };
    }
    case "issues":
      if (!thread) throw new Error("issues change without its issue");
      if (record.movedTo)
        return {
          changes: {
            new_issue: webhookIssue(ctx, record.movedTo.repo, record.movedTo.thread),
            new_repository: webhookRepository(ctx, record.movedTo.repo),
          },
          issue: webhookIssue(ctx, repo, thread),
        };
      return {
        ...textChanges(change.action, record),
        ...(record.label ? { label: renderLabel(ctx, repo, record.label) } : {}),
        issue: webhookIssue(ctx, repo, thread),
      };
    case "issue_comment":
      if (!thread || !record.comment) throw new Error("issue_comment change without its comment");
      return {
        ...textChanges(change.action, record),
        issue: webhookIssue(ctx, repo, thread),
        comment: renderComment(ctx, repo, record.comment),
      };
    case "repository":
      return repositoryChanges(ctx, change.action, record);
    default:
      return deliveryBody(ctx, record);
  }
}

/** `changes` of an edited issue, pull request or comment: the fields that differ, with their old value. */
function textChanges(action: string, record: ChangeRecord): Payload {
  if (action !== "edited") return {};
  const previous: PreviousValues = record.previous ?? {};
  const current = record.comment ?? record.thread;
  const changes: Payload = {};
  if (
    record.thread &&
    !record.comment &&
    previous.title !== undefined &&
    previous.title !== record.thread.title
  )
    changes.title = { from: previous.title };
  if (previous.body !== undefined && previous.body !== current?.body) changes.body = { from: previous.body };
  return { changes };
}

function repositoryChanges(ctx: RenderContext, action: string, record: ChangeRecord): Payload {
  const previous = record.previous ?? {};
  const { repo } = record;
  if (action === "renamed" && previous.name !== undefined)
    return { changes: { repository: { name: { from: previous.name } } } };
  if (action === "transferred" && previous.owner) {
    const kind = previous.owner.type === "Organization" ? "organization" : "user";
    return { changes: { owner: { from: { [kind]: simpleUser(ctx, previous.owner) } } } };
  }
  if (action !== "edited") return {};
  const changes: Payload = {};
  if (previous.description !== undefined && previous.description !== repo.description)
    changes.description = { from: previous.description };
  if (previous.homepage !== undefined && previous.homepage !== repo.homepage)
    changes.homepage = { from: previous.homepage };
  if (previous.topics !== undefined && previous.topics.join("\n") !== repo.topics.join("\n"))
    changes.topics = { from: previous.topics };
  return { changes };
}

/** An issue as GET /issues lists it; webhooks add `draft: false` to plain issues too. */
function webhookIssue(ctx: RenderContext, repo: RepoRecord, thread: IssueRecord): Payload {
  const issue = renderIssue(ctx, repo, thread, "list");
  return thread.pull ? issue : { ...issue, draft: false };
}

/** The `repository` of every event but push: the REST `repository` shape plus custom properties. */
function webhookRepository(ctx: RenderContext, repo: RepoRecord): Payload {
  return { ...repository(ctx, repo), custom_properties: {} };
}

/** organization-simple-webhooks. */
/** organization-simple: the `organization` of an organization hook's payloads. */
export function organization(ctx: RenderContext, org: Account): Payload {
  const api = `${ctx.base}/orgs/${encodeURIComponent(org.login)}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId("Organization", org.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `${ctx.base}/_emulator/avatars/u/${org.id}?v=4`,
    description: org.bio,
  };
}

// ── push ─────────────────────────────────────────────────────────────────────

function pushPayload(ctx: RenderContext, record: ChangeRecord): Payload {
  const push: PushDetail | undefined = record.push;
  if (!push) throw new Error("push change without its commits");
  const { repo } = record;
  const html = repoHtmlUrl(ctx, repo);
  const before = push.before?.sha ?? NULL_SHA;
  const after = push.after?.sha ?? NULL_SHA;
  const commit = (c: CommitRecord) => pushCommit(ctx, repo, c);
  return {
    ref: push.ref,
    before,
    after,
    ...pushRepository(ctx, repo),
    pusher: { name: push.pusher.name, email: push.pusher.email },
    sender: simpleUser(ctx, record.sender),
    created: push.before === undefined && push.after !== undefined,
    deleted: push.after === undefined,
    forced: push.forced,
    base_ref: null,
    compare:
      push.before === undefined && push.after
        ? `${html}/commit/${after.slice(0, 12)}`
        : `${html}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits: push.commits.slice(0, PUSH_COMMIT_LIMIT).map(commit),
    head_commit: push.after ? commit(push.after) : null,
  };
}

/** The push flavour of `repository` (GitHub's real quirks), plus `organization` for an org. */
function pushRepository(ctx: RenderContext, repo: RepoRecord): Payload {
  const owner = repo.owner;
  const org = owner.type === "Organization";
  return {
    repository: {
      ...webhookRepository(ctx, repo),
      owner: { name: owner.login, email: owner.email, ...simpleUser(ctx, owner) },
      url: repoHtmlUrl(ctx, repo),
      created_at: repo.createdAt,
      pushed_at: repo.pushedAt,
      stargazers: repo.stargazers,
      master_branch: repo.defaultBranch,
      ...(org ? { organization: owner.login } : {}),
    },
    ...(org ? { organization: organization(ctx, owner) } : {}),
  };
}

function pushCommit(ctx: RenderContext, repo: RepoRecord, commit: CommitRecord): Payload {
  return {
    id: commit.sha,
    tree_id: derivedSha("tree", commit.sha),
    distinct: true,
    message: commit.message,
    timestamp: iso(commit.authoredAt),
    url: `${repoHtmlUrl(ctx, repo)}/commit/${commit.sha}`,
    author: gitPerson(commit.author),
    committer: gitPerson(commit.committer),
    added: [],
    removed: [],
    modified: commitFiles(ctx, repo, commit).map((file) => file.filename),
  };
}

function gitPerson(identity: Identity): Payload {
  return {
    name: identity.name,
    email: identity.email,
    ...(identity.account ? { username: identity.account.login } : {}),
  };
}
