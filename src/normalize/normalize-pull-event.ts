/**
 * The pull-request timeline events metrics need → `pull_request_events` rows (pure), from REST's
 * GET /issues/{n}/timeline and from GraphQL's `timelineItems`, identically: keyed by the event's
 * node id (REST `node_id`, GraphQL `id`: the same global id), named by REST's event names, with
 * the actor's REST id and login, and as `subject` the label's name or the requested reviewer's
 * login (a team: its slug). Timeline items without a node id or time are left out.
 */
import type { pullRequestEvents } from "../store/schema.js";
import { requireDate } from "./dates.js";
import type { GraphqlPullEvent } from "./graphql-types.js";
import { restAccountOf } from "./normalize-graphql-pull.js";
import type { GitHubTimelineEvent } from "./normalize-pull-details.js";

export type PullEventRow = typeof pullRequestEvents.$inferInsert;

/** REST event name → GraphQL type (the `itemTypes` of the query: pull-queries.ts). */
export const PULL_EVENT_TYPES = {
  labeled: "LabeledEvent",
  unlabeled: "UnlabeledEvent",
  reopened: "ReopenedEvent",
  review_requested: "ReviewRequestedEvent",
  ready_for_review: "ReadyForReviewEvent",
  convert_to_draft: "ConvertToDraftEvent",
  head_ref_force_pushed: "HeadRefForcePushedEvent",
} as const;

export type PullEventName = keyof typeof PULL_EVENT_TYPES;

const NAME_OF_TYPE = new Map<string, PullEventName>(
  Object.entries(PULL_EVENT_TYPES).map(([name, type]) => [type, name as PullEventName]),
);

const isPullEvent = (name: string | undefined): name is PullEventName =>
  name !== undefined && Object.hasOwn(PULL_EVENT_TYPES, name);

/** The members of the timeline union the events metrics need have (several are not in GitHub's union). */
interface RestTimelineEvent {
  event?: string;
  node_id?: string;
  created_at?: string;
  actor?: { id: number; login: string } | null;
  label?: { name: string } | null;
  requested_reviewer?: { login: string } | null;
  requested_team?: { slug: string } | null;
}

export function normalizeTimelineEvents(
  repositoryId: number,
  pullRequestNumber: number,
  items: readonly GitHubTimelineEvent[],
): PullEventRow[] {
  const rows: PullEventRow[] = [];
  for (const item of items as readonly RestTimelineEvent[]) {
    if (!isPullEvent(item.event) || !item.node_id || !item.created_at) continue;
    rows.push({
      key: item.node_id,
      repositoryId,
      pullRequestNumber,
      event: item.event,
      actorId: item.actor?.id ?? null,
      actorLogin: item.actor?.login ?? null,
      subject: item.label?.name ?? item.requested_reviewer?.login ?? item.requested_team?.slug ?? null,
      createdAt: requireDate(item.created_at, "timeline event created_at"),
    });
  }
  return rows;
}

/** A requested reviewer as REST names it: a bot's login with "[bot]", a team by its slug. */
function reviewerName(reviewer: GraphqlPullEvent["requestedReviewer"]): string | null {
  if (!reviewer) return null;
  if (reviewer.__typename === "Team") return reviewer.slug ?? null;
  if (!reviewer.login) return null;
  return reviewer.__typename === "Bot" ? `${reviewer.login}[bot]` : reviewer.login;
}

export function normalizeGraphqlPullEvents(
  repositoryId: number,
  pullRequestNumber: number,
  nodes: readonly GraphqlPullEvent[],
): PullEventRow[] {
  const rows: PullEventRow[] = [];
  for (const node of nodes) {
    const event = NAME_OF_TYPE.get(node.__typename ?? "");
    if (!event || !node.id || !node.createdAt) continue;
    const actor = restAccountOf(node.actor);
    rows.push({
      key: node.id,
      repositoryId,
      pullRequestNumber,
      event,
      actorId: actor?.id ?? null,
      actorLogin: actor?.login ?? node.actor?.login ?? null,
      subject: node.label?.name ?? reviewerName(node.requestedReviewer),
      createdAt: requireDate(node.createdAt, "timeline event createdAt"),
    });
  }
  return rows;
}
