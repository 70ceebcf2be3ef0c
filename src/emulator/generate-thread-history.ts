/**
 * The timeline events of a generated repository's threads that their records do not keep:
 * labels added when a thread was opened (and sometimes one added and taken off again), closes
 * (and an earlier close for issues reopened since), review requests (of the reviewers asked, and
 * of some who reviewed), and mentions of issues from later pull requests. Every event falls within
 * its thread's life (up to its updated_at). From its own seeded stream: nothing else changes.
 */
import type { Account, IssueRecord, RepoRecord } from "./world-types.js";
import type { People } from "./generate-accounts.js";
import type { Rng } from "./prng.js";
import { recordEvent } from "./thread-events.js";
import { MINUTE } from "./time.js";

function within(rng: Rng, from: number, to: number): number {
  return to <= from ? from : from + Math.floor(rng.float() * (to - from));
}

function labelHistory(repo: RepoRecord, thread: IssueRecord, people: People, rng: Rng): void {
  const actor: Account =
    thread.user.member || thread.user.type === "Bot" ? thread.user : rng.pick(people.members);
  const end = thread.updatedAt;
  for (const label of thread.labels)
    recordEvent(thread, {
      kind: "labeled",
      at: within(rng, thread.createdAt, Math.min(end, thread.createdAt + 10 * MINUTE)),
      actor,
      label,
    });
  const spare = repo.labels.filter((label) => !thread.labels.includes(label));
  if (spare.length === 0 || !rng.chance(0.15)) return;
  const label = rng.pick(spare);
  const added = within(rng, thread.createdAt, end);
  recordEvent(thread, { kind: "labeled", at: added, actor, label });
  recordEvent(thread, { kind: "unlabeled", at: within(rng, added, end), actor, label });
}

function stateHistory(thread: IssueRecord, people: People, rng: Rng): void {
  if (thread.state === "closed" && thread.closedAt !== null)
    recordEvent(thread, { kind: "closed", at: thread.closedAt, actor: thread.closedBy ?? thread.user });
  else if (thread.stateReason === "reopened") {
    const actor = rng.pick(people.members);
    const closed = within(rng, thread.createdAt, thread.updatedAt);
    recordEvent(thread, { kind: "closed", at: closed, actor });
    recordEvent(thread, { kind: "reopened", at: within(rng, closed, thread.updatedAt), actor });
  }
}

function reviewRequests(thread: IssueRecord, rng: Rng): void {
  const pull = thread.pull;
  if (!pull) return;
  const asked = new Set<Account>(pull.requestedReviewers);
  for (const review of pull.reviews)
    if (review.user !== thread.user && rng.chance(0.5)) asked.add(review.user);
  for (const reviewer of asked) {
    const first = pull.reviews.find((review) => review.user === reviewer)?.submittedAt ?? thread.updatedAt;
    const at = within(rng, thread.createdAt, Math.min(first, thread.createdAt + 30 * MINUTE));
    recordEvent(thread, { kind: "review_requested", at, actor: thread.user, reviewer });
  }
}

/** A later pull request of the repository mentions an issue still active when it was opened. */
function mentions(repo: RepoRecord, thread: IssueRecord, rng: Rng): void {
  if (!thread.pull || !rng.chance(0.2)) return;
  const candidates = repo.threads.filter(
    (issue) => !issue.pull && issue.createdAt < thread.createdAt && issue.updatedAt >= thread.createdAt,
  );
  if (candidates.length === 0) return;
  const issue = rng.pick(candidates);
  recordEvent(issue, { kind: "cross-referenced", at: thread.createdAt, actor: thread.user, source: thread });
}

export function generateThreadHistory(repo: RepoRecord, people: People, rng: Rng): void {
  for (const thread of repo.threads) {
    labelHistory(repo, thread, people, rng);
    stateHistory(thread, people, rng);
    reviewRequests(thread, rng);
    mentions(repo, thread, rng);
  }
}
