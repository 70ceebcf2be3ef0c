/**
 * GET /repos/{owner}/{repo}/issues/{n}/timeline, the state events the emulator records: a PR's
 * `ready_for_review` and `convert_to_draft`, `merged` (with the merge commit) and `closed`.
 * Each is GitHub's generic state-change event; ids are derived from what the event is.
 */
import type { Account, IssueRecord, RepoRecord } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { repoApiUrl } from "./render-context.js";
import { simpleUser } from "./render-user.js";
import { nodeId } from "./ids.js";
import { hash32 } from "./prng.js";
import { iso } from "./time.js";

interface TimelineEvent {
  event: string;
  at: number;
  actor: Account;
  commitId: string | null;
}

export function timelineEvents(thread: IssueRecord): TimelineEvent[] {
  const pull = thread.pull;
  const events: TimelineEvent[] = (pull?.draftEvents ?? []).map((draft) => ({ ...draft, commitId: null }));
  if (pull?.merged && pull.mergedAt !== null) {
    events.push({
      event: "merged",
      at: pull.mergedAt,
      actor: pull.mergedBy ?? thread.user,
      commitId: pull.mergeCommitSha,
    });
  }
  if (thread.state === "closed" && thread.closedAt !== null) {
    events.push({
      event: "closed",
      at: thread.closedAt,
      actor: thread.closedBy ?? thread.user,
      commitId: null,
    });
  }
  return events.sort((a, b) => a.at - b.at);
}

export function renderTimelineEvent(
  ctx: RenderContext,
  repo: RepoRecord,
  thread: IssueRecord,
  event: TimelineEvent,
): Record<string, unknown> {
  // Unique per (issue, event, time); kept below 2^53 and clear of other id sequences.
  const id = 40_000_000_000 + hash32(`${thread.id}:${event.event}:${event.at}`);
  const api = repoApiUrl(ctx, repo);
  return {
    id,
    node_id: nodeId(event.event === "ready_for_review" ? "ReadyForReviewEvent" : "IssueEvent", id),
    url: `${api}/issues/events/${id}`,
    actor: simpleUser(ctx, event.actor),
    event: event.event,
    commit_id: event.commitId,
    commit_url: event.commitId === null ? null : `${api}/commits/${event.commitId}`,
    created_at: iso(event.at),
    performed_via_github_app: null,
  };
}
