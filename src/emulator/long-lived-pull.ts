/**
 * One long-lived pull request per repository: opened early in the history, still open, with
 * 110–160 commits pushed over its whole life. Merging it (with the `merge` method) brings months
 * of old work into the default branch at once, far below its newest commits; its commit list and
 * timeline span pages. Made from an old PR that was not merged, so the default branch is unchanged.
 */
import type { IssueRecord, RepoRecord } from "./world-types.js";
import type { People } from "./generate-accounts.js";
import type { Rng } from "./prng.js";
import { identityOf } from "./identities.js";
import { branchCommits } from "./pull-history.js";
import { DAY, HOUR } from "./time.js";

function candidate(repo: RepoRecord, span: { start: number; end: number }): IssueRecord | undefined {
  const unmerged = repo.threads.filter(
    (thread) => thread.pull && !thread.pull.merged && thread.user.type !== "Bot" && !thread.deleted,
  );
  const early = span.start + 0.15 * (span.end - span.start);
  return unmerged.find((thread) => thread.createdAt >= early) ?? unmerged[0];
}

/** Turns an old unmerged PR into the long-lived one (after the branch is generated). */
export function addLongLivedPull(
  repo: RepoRecord,
  people: People,
  rng: Rng,
  span: { start: number; end: number },
): void {
  const thread = candidate(repo, span);
  const pull = thread?.pull;
  if (!thread || !pull) return;
  const last = span.end - rng.int(HOUR, 3 * DAY);
  if (last <= thread.createdAt) return;
  thread.state = "open";
  thread.stateReason = null;
  thread.closedAt = null;
  thread.closedBy = null;
  thread.locked = false;
  thread.updatedAt = Math.max(thread.updatedAt, last);
  pull.draft = false;
  pull.commitList = branchCommits(rng, thread, identityOf(people.identities, thread.user), {
    count: rng.int(110, 160),
    first: thread.createdAt - rng.int(HOUR, 2 * DAY),
    last,
    parent: pull.baseSha || null,
    headSha: pull.headSha,
  });
  pull.commits = pull.commitList.length;
}
