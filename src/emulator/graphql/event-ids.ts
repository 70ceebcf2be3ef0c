/**
 * The global id of a timeline event, the same the REST timeline renders as its `node_id`
 * (render-timeline.ts, `issueEvent`): GitHub gives an event one id, whichever API reads it, and
 * ghsync keys `pull_request_events` by it. Derived from what the event is (thread, event, time,
 * subject: the label's name, the reviewer's login, a force-push's new head), so stable across
 * requests. test/integration/sync-graphql.test.ts holds the two renderings equal.
 */
import { nodeId } from "../ids.js";
import { hash32 } from "../prng.js";

export function timelineEventNodeId(
  type: string,
  threadId: number,
  event: string,
  at: number,
  subject: string,
): string {
  return nodeId(type, 40_000_000_000 + hash32(`${threadId}:${event}:${at}:${subject}`));
}
