/**
 * What GET /issues/{n}/timeline lists for a thread, in time order: a pull request's commits
 * (`committed`), reviews (`reviewed`), comments (`commented`), draft changes, force-pushes
 * (`head_ref_force_pushed`) and its merge, and the recorded events (labels, closes, reopens,
 * review requests, mentions from other threads). Derived from the records on each request.
 */
import type {
  Account,
  CommentRecord,
  CommitRecord,
  HeadPush,
  IssueRecord,
  ReviewRecord,
  ThreadEvent,
  World,
} from "./world-types.js";
import { pullCommits } from "./pull-history.js";

export type TimelineItem =
  | { kind: "committed"; at: number; commit: CommitRecord }
  | { kind: "reviewed"; at: number; review: ReviewRecord }
  | { kind: "commented"; at: number; comment: CommentRecord }
  | { kind: "ready_for_review" | "convert_to_draft"; at: number; actor: Account }
  | { kind: "head_ref_force_pushed"; at: number; actor: Account; push: HeadPush }
  | { kind: "merged"; at: number; actor: Account; commitId: string | null }
  | { kind: "event"; at: number; event: ThreadEvent };

/** Same-second order: what happens first in one action (a merge closes after merging). */
const ORDER = [
  "committed",
  "head_ref_force_pushed",
  "ready_for_review",
  "convert_to_draft",
  "reviewed",
  "commented",
  "event",
  "merged",
];
const rank = (item: TimelineItem) =>
  ORDER.indexOf(item.kind) + (item.kind === "event" && item.event.kind === "closed" ? 1 : 0);

export function timelineItems(world: World, thread: IssueRecord): TimelineItem[] {
  const pull = thread.pull;
  const items: TimelineItem[] = [
    ...thread.comments.map((comment) => ({ kind: "commented" as const, at: comment.createdAt, comment })),
    ...thread.events.map((event) => ({ kind: "event" as const, at: event.at, event })),
  ];
  if (pull) {
    items.push(
      ...pullCommits(world, thread).map((commit) => ({
        kind: "committed" as const,
        at: commit.committedAt,
        commit,
      })),
      ...pull.reviews.map((review) => ({ kind: "reviewed" as const, at: review.submittedAt, review })),
      ...pull.draftEvents.map((draft) => ({ kind: draft.event, at: draft.at, actor: draft.actor })),
      ...pull.headPushes
        .filter((push) => push.forced)
        .map((push) => ({ kind: "head_ref_force_pushed" as const, at: push.at, actor: push.actor, push })),
    );
    if (pull.merged && pull.mergedAt !== null)
      items.push({
        kind: "merged",
        at: pull.mergedAt,
        actor: pull.mergedBy ?? thread.user,
        commitId: pull.mergeCommitSha,
      });
  }
  // Stable: items of one kind keep their record order.
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.at - b.item.at || rank(a.item) - rank(b.item) || a.index - b.index)
    .map(({ item }) => item);
}
