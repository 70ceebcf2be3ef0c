/**
 * Recording what a thread's timeline shows and its record does not keep: labels added and
 * removed, closes and reopens, reviews requested. The admin's mutations and the generator both
 * write through here, so generated and live timelines have the same events.
 */
import type { Account, IssueRecord, Label, ThreadEvent } from "./world-types.js";

export function recordEvent(thread: IssueRecord, event: ThreadEvent): void {
  thread.events.push(event);
}

/** `labeled` for each label gained, `unlabeled` for each one lost. */
export function recordLabelChange(
  thread: IssueRecord,
  before: readonly Label[],
  after: readonly Label[],
  at: number,
  actor: Account,
): void {
  for (const label of after)
    if (!before.includes(label)) recordEvent(thread, { kind: "labeled", at, actor, label });
  for (const label of before)
    if (!after.includes(label)) recordEvent(thread, { kind: "unlabeled", at, actor, label });
}
