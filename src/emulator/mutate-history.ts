/**
 * Changes to a default branch, as pushes on GitHub make them: new commits on top, force-pushes
 * that drop the last commits (they stay reachable by sha, as on GitHub until garbage collection),
 * squash merges, merge commits that bring a branch's older commits in, and rebase merges. Each push moves the
 * repository's pushed_at and updated_at.
 */
import type { CommitRecord, Identity, RepoRecord, World } from "./world-types.js";
import { commitMessages } from "./text-pools.js";
import { insertByDate } from "./branch-order.js";
import { branchIndex, nowAfter } from "./world-queries.js";

export interface NewCommit {
  author: Identity;
  committer?: Identity;
  message?: string;
  pull?: number | null;
  /** Kept from the original commit when rebasing (else the commit time). */
  authoredAt?: number;
}

/** Appends one commit to the default branch. */
export function appendCommit(world: World, repo: RepoRecord, spec: NewCommit): CommitRecord {
  const head = repo.branch[repo.branch.length - 1];
  const at = nowAfter(world, head?.committedAt ?? 0);
  const commit: CommitRecord = {
    sha: world.rng.hex(40),
    parent: head?.sha ?? null,
    author: spec.author,
    committer: spec.committer ?? spec.author,
    authoredAt: spec.authoredAt ?? at,
    committedAt: at,
    message: spec.message ?? commitMessages(world.rng, 1)[0] ?? "Update",
    pull: spec.pull ?? null,
  };
  repo.branch.push(commit);
  repo.branchVersion++;
  repo.pushedAt = at;
  repo.updatedAt = Math.max(repo.updatedAt, at);
  return commit;
}

export function addCommits(
  world: World,
  repo: RepoRecord,
  count: number,
  author: () => Identity,
  message?: string,
) {
  const added: CommitRecord[] = [];
  for (let i = 0; i < count; i++) added.push(appendCommit(world, repo, { author: author(), message }));
  return added;
}

/** The shas reachable from `head` on the branch (first and second parents). */
function reachableFrom(repo: RepoRecord, head: CommitRecord | undefined): Set<string> {
  const index = branchIndex(repo);
  const reached = new Set<string>();
  const pending = head ? [head] : [];
  for (let commit = pending.pop(); commit; commit = pending.pop()) {
    if (reached.has(commit.sha)) continue;
    reached.add(commit.sha);
    for (const parent of [commit.parent, commit.mergeParent]) {
      const found = parent ? repo.branch[index.get(parent) ?? -1] : undefined;
      if (found && !reached.has(found.sha)) pending.push(found);
    }
  }
  return reached;
}

/**
 * Resets the branch to the `drop`-th first parent of its head and pushes `add` new commits. What
 * the old head alone reached leaves the list — with a dropped merge commit, the commits it brought
 * in, however old.
 */
export function forcePush(world: World, repo: RepoRecord, drop: number, add: number, author: () => Identity) {
  const index = branchIndex(repo);
  let head = repo.branch[repo.branch.length - 1];
  for (let i = 0; i < drop && head; i++)
    head = head.parent ? repo.branch[index.get(head.parent) ?? -1] : undefined;
  const kept = reachableFrom(repo, head);
  const removed = repo.branch.filter((commit) => !kept.has(commit.sha));
  let length = 0;
  for (const commit of repo.branch) if (kept.has(commit.sha)) repo.branch[length++] = commit;
  repo.branch.length = length;
  for (const commit of removed) repo.orphans.set(commit.sha, commit);
  repo.branchVersion++;
  const added = addCommits(world, repo, add, author);
  if (add === 0) repo.pushedAt = repo.updatedAt = nowAfter(world, repo.pushedAt);
  return { removed, added };
}

/**
 * A merge commit (the `merge` method): its first parent the head, its second `branchHead`, whose
 * commits not yet on the default branch become reachable. The commit list serves `git log`'s
 * default order (newest committer date first; GitHub's order is not documented), so they are
 * placed at their dates — below newer commits of the default branch when the branch is older, as
 * for a long-lived branch merged late. Returns what the push brought: those commits, then the merge.
 */
export function mergeBranch(
  world: World,
  repo: RepoRecord,
  branchCommits: CommitRecord[],
  spec: NewCommit & { branchHead: string },
): CommitRecord[] {
  const head = repo.branch[repo.branch.length - 1];
  const known = branchIndex(repo);
  const brought = branchCommits.filter((commit) => !known.has(commit.sha));
  for (const commit of brought) insertByDate(repo.branch, commit);
  repo.branchVersion++;
  const merge = appendCommit(world, repo, spec);
  merge.parent = head?.sha ?? null;
  merge.mergeParent = spec.branchHead;
  return [...brought, merge];
}

/**
 * A rebase merge: copies of `commits` (oldest first) on top of the head, with new shas, committed
 * by `committer` now; author, author date and message kept. The last copy records the PR.
 */
export function rebaseOnto(
  world: World,
  repo: RepoRecord,
  commits: CommitRecord[],
  spec: { committer?: Identity; pull: number },
): CommitRecord[] {
  return commits.map((commit, i) =>
    appendCommit(world, repo, {
      author: commit.author,
      committer: spec.committer,
      message: commit.message,
      authoredAt: commit.authoredAt,
      pull: i === commits.length - 1 ? spec.pull : null,
    }),
  );
}
