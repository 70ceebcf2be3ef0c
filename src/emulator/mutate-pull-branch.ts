/**
 * Pushes to an open pull request's head branch, as GitHub applies them: new commits on top, or a
 * force-push that replaces the last `drop` commits. head.sha, the commit list, `commits` and
 * updated_at move; GitHub's test merge commit is recomputed; the dropped commits stay reachable
 * by sha (until garbage collection on GitHub). Each push is recorded for the timeline and moves
 * the repository's pushed_at.
 */
import type { Account, CommitRecord, HeadPush, Identity, RepoRecord, World } from "./world-types.js";
import { EmulatorError } from "./errors.js";
import { pullThread } from "./mutate-pulls.js";
import { pullCommits } from "./pull-history.js";
import { commitMessages } from "./text-pools.js";
import { nowAfter } from "./world-queries.js";

export interface PullPush {
  /** Commits to add (at least one unless a force-push only drops). */
  add: number;
  /** Force-push: how many of the last commits to replace. */
  drop: number;
  forced: boolean;
  author: Identity;
  by: Account;
}

export function pushToPull(world: World, repo: RepoRecord, number: number, spec: PullPush) {
  const thread = pullThread(repo, number);
  const pull = thread.pull;
  if (thread.state !== "open") throw new EmulatorError("invalid", `pull request #${number} is not open`);
  const list = [...pullCommits(world, thread)];
  if (!spec.forced && spec.drop > 0)
    throw new EmulatorError("invalid", "only a force-push can drop commits (set force: true)");
  if (spec.drop >= list.length && spec.add === 0)
    throw new EmulatorError("invalid", "a pull request needs at least one commit");
  if (spec.add + spec.drop === 0) throw new EmulatorError("invalid", "the push changes nothing");
  const before = list[list.length - 1];
  const removed = list.splice(Math.max(0, list.length - spec.drop));
  for (const commit of removed) repo.orphans.set(commit.sha, commit);
  const at = nowAfter(world, Math.max(thread.updatedAt, list[list.length - 1]?.committedAt ?? 0));
  const messages = commitMessages(world.rng, spec.add);
  const added: CommitRecord[] = [];
  for (let i = 0; i < spec.add; i++) {
    const commit: CommitRecord = {
      sha: world.rng.hex(40),
      parent: list[list.length - 1]?.sha ?? (pull.baseSha || null),
      author: spec.author,
      committer: spec.author,
      authoredAt: at,
      committedAt: at,
      message: messages[i] ?? "Update",
      pull: null,
    };
    list.push(commit);
    added.push(commit);
  }
  const last = list[list.length - 1] as CommitRecord;
  const push: HeadPush = { at, actor: spec.by, before: pull.headSha, after: last.sha, forced: spec.forced };
  pull.commitList = list;
  pull.commits = list.length;
  pull.headSha = last.sha;
  pull.mergeCommitSha = world.rng.hex(40);
  pull.headPushes.push(push);
  thread.updatedAt = at;
  // Any branch's push moves the repository's pushed_at, as on GitHub.
  repo.pushedAt = at;
  repo.updatedAt = Math.max(repo.updatedAt, at);
  return { thread, before, after: last, added, removed };
}
