/**
 * Items of GET /repos/{owner}/{repo}/issues/{n}/timeline in GitHub's shapes, one per member of
 * the OpenAPI `timeline-issue-events` union: `committed` (a git commit: sha, author.date, no id or
 * created_at), `reviewed` (submitted_at, state in lower case), `commented` (an issue comment with
 * its actor), `labeled`/`unlabeled` (the label's name and color), `review_requested`,
 * `cross-referenced` (the mentioning issue as `source`), and the state changes (`closed`,
 * `reopened`, `merged`, `ready_for_review`, `convert_to_draft`, `head_ref_force_pushed`). Ids of
 * issue events are derived from what the event is, so they are stable across requests.
 */
import type { Account, IssueRecord, RepoRecord } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import type { TimelineItem } from "./timeline-items.js";
import { repoApiUrl, repoHtmlUrl } from "./render-context.js";
import { renderComment } from "./render-comment.js";
import { parentsOf } from "./render-commit.js";
import { renderIssue } from "./render-issue.js";
import { renderReview } from "./render-review.js";
import { simpleUser } from "./render-user.js";
import { derivedSha, nodeId } from "./ids.js";
import { hash32 } from "./prng.js";
import { iso } from "./time.js";

type Json = Record<string, unknown>;

/** GitHub's node type of an issue event (by its event name). */
const NODE_TYPES: Record<string, string> = {
  labeled: "LabeledEvent",
  unlabeled: "UnlabeledEvent",
  closed: "ClosedEvent",
  reopened: "ReopenedEvent",
  merged: "MergedEvent",
  review_requested: "ReviewRequestedEvent",
  ready_for_review: "ReadyForReviewEvent",
  convert_to_draft: "ConvertToDraftEvent",
  head_ref_force_pushed: "HeadRefForcePushedEvent",
};

function issueEvent(
  ctx: RenderContext,
  repo: RepoRecord,
  thread: IssueRecord,
  event: string,
  at: number,
  actor: Account,
  commitId: string | null = null,
  discriminator = "",
): Json {
  // Unique per (issue, event, time, subject); kept below 2^53 and clear of other id sequences.
  const id = 40_000_000_000 + hash32(`${thread.id}:${event}:${at}:${discriminator}`);
  const api = repoApiUrl(ctx, repo);
  return {
    id,
    node_id: nodeId(NODE_TYPES[event] ?? "IssueEvent", id),
    url: `${api}/issues/events/${id}`,
    actor: simpleUser(ctx, actor),
    event,
    commit_id: commitId,
    commit_url: commitId === null ? null : `${api}/commits/${commitId}`,
    created_at: iso(at),
    performed_via_github_app: null,
  };
}

function committed(
  ctx: RenderContext,
  repo: RepoRecord,
  item: Extract<TimelineItem, { kind: "committed" }>,
): Json {
  const { commit } = item;
  const api = repoApiUrl(ctx, repo);
  const html = repoHtmlUrl(ctx, repo);
  const tree = derivedSha("tree", commit.sha);
  return {
    sha: commit.sha,
    node_id: nodeId("Commit", `${repo.id}:${commit.sha}`),
    url: `${api}/git/commits/${commit.sha}`,
    html_url: `${html}/commit/${commit.sha}`,
    author: { name: commit.author.name, email: commit.author.email, date: iso(commit.authoredAt) },
    committer: { name: commit.committer.name, email: commit.committer.email, date: iso(commit.committedAt) },
    tree: { sha: tree, url: `${api}/git/trees/${tree}` },
    message: commit.message,
    parents: parentsOf(commit).map((sha) => ({
      sha,
      url: `${api}/git/commits/${sha}`,
      html_url: `${html}/commit/${sha}`,
    })),
    verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
    event: "committed",
  };
}

export function renderTimelineItem(
  ctx: RenderContext,
  repo: RepoRecord,
  thread: IssueRecord,
  item: TimelineItem,
): Json {
  switch (item.kind) {
    case "committed":
      return committed(ctx, repo, item);
    case "reviewed": {
      const review = renderReview(ctx, repo, thread, item.review);
      return { event: "reviewed", ...review, state: String(review.state).toLowerCase() };
    }
    case "commented":
      return {
        event: "commented",
        actor: simpleUser(ctx, item.comment.user),
        ...renderComment(ctx, repo, item.comment),
      };
    case "ready_for_review":
    case "convert_to_draft":
      return issueEvent(ctx, repo, thread, item.kind, item.at, item.actor);
    case "head_ref_force_pushed":
      return issueEvent(ctx, repo, thread, item.kind, item.at, item.actor, null, item.push.after);
    case "merged":
      return issueEvent(ctx, repo, thread, "merged", item.at, item.actor, item.commitId);
    case "event": {
      const { event } = item;
      if (event.kind === "cross-referenced" && event.source)
        return {
          event: "cross-referenced",
          actor: simpleUser(ctx, event.actor),
          created_at: iso(event.at),
          updated_at: iso(event.at),
          source: { type: "issue", issue: renderIssue(ctx, repo, event.source, "list") },
        };
      const subject = event.label?.name ?? event.reviewer?.login ?? "";
      const base = issueEvent(ctx, repo, thread, event.kind, event.at, event.actor, null, subject);
      if (event.label) return { ...base, label: { name: event.label.name, color: event.label.color } };
      if (event.reviewer)
        return {
          ...base,
          review_requester: simpleUser(ctx, event.actor),
          requested_reviewer: simpleUser(ctx, event.reviewer),
        };
      if (event.kind === "closed")
        return { ...base, state_reason: thread.pull ? null : (thread.stateReason ?? "completed") };
      return base;
    }
  }
}
