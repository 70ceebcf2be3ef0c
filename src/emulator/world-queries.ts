/**
 * Read-side questions about the world that several routes and the admin share: finding a
 * repository (with GitHub's rename/transfer redirects), walking commits from a ref, contributors,
 * open-issue counts and author associations. Derived data is cached per branch version.
 */
import type { Account, CommitRecord, Identity, IssueRecord, RepoRecord, World } from "./world-types.js";
import { pullCommits } from "./pull-history.js";

export function fullName(repo: RepoRecord): string {
  return `${repo.owner.login}/${repo.name}`;
}

export type RepoLookup =
  { kind: "found"; repo: RepoRecord } | { kind: "moved"; repo: RepoRecord } | { kind: "missing" };

/** Case-insensitive like GitHub; an old name of a renamed or transferred repository → moved. */
export function lookupRepo(world: World, owner: string, name: string): RepoLookup {
  const key = `${owner}/${name}`.toLowerCase();
  const repo = world.repos.find(
    (candidate) => !candidate.deleted && fullName(candidate).toLowerCase() === key,
  );
  if (repo) return { kind: "found", repo };
  const movedId = world.redirects.get(key);
  const moved = movedId === undefined ? undefined : repoById(world, movedId);
  return moved ? { kind: "moved", repo: moved } : { kind: "missing" };
}

export function repoById(world: World, id: number): RepoRecord | undefined {
  return world.repos.find((repo) => repo.id === id && !repo.deleted);
}

export function threadOf(repo: RepoRecord, number: number): IssueRecord | undefined {
  return Number.isSafeInteger(number) && number > 0 ? repo.threads[number - 1] : undefined;
}

/** GitHub's open_issues_count counts open issues and open pull requests. */
export function openIssuesCount(repo: RepoRecord): number {
  let count = 0;
  for (const thread of repo.threads) if (thread.state === "open" && !thread.deleted) count++;
  return count;
}

const shaIndexes = new WeakMap<RepoRecord, { version: number; index: Map<string, number> }>();

/** sha → position on the default branch (oldest = 0). */
export function branchIndex(repo: RepoRecord): Map<string, number> {
  const cached = shaIndexes.get(repo);
  if (cached?.version === repo.branchVersion) return cached.index;
  const index = new Map<string, number>();
  repo.branch.forEach((commit, i) => index.set(commit.sha, i));
  shaIndexes.set(repo, { version: repo.branchVersion, index });
  return index;
}

/**
 * The commits of an open or closed pull request up to the one `ref` names (full sha or prefix),
 * oldest first: GitHub serves them by sha (`refs/pull/N/head` keeps them reachable).
 */
function pullCommitChain(world: World, repo: RepoRecord, ref: string): CommitRecord[] | undefined {
  for (const thread of repo.threads) {
    if (!thread.pull || thread.deleted) continue;
    const commits = pullCommits(world, thread);
    const at = commits.findIndex((commit) => commit.sha.startsWith(ref));
    if (at >= 0) return commits.slice(0, at + 1);
  }
  return undefined;
}

/**
 * A commit by full sha, unambiguous prefix (≥ 7), or the default branch name (its head): on the
 * default branch, force-pushed off it, or on a pull request's branch.
 */
export function findCommit(world: World, repo: RepoRecord, ref: string): CommitRecord | undefined {
  if (ref === repo.defaultBranch) return repo.branch[repo.branch.length - 1];
  if (!/^[0-9a-f]{7,40}$/i.test(ref)) return undefined;
  const sha = ref.toLowerCase();
  const onBranch = branchIndex(repo).get(sha);
  if (onBranch !== undefined) return repo.branch[onBranch];
  const orphan = repo.orphans.get(sha);
  if (orphan) return orphan;
  if (sha.length < 40) {
    const matches = [...repo.branch, ...repo.orphans.values()].filter((commit) => commit.sha.startsWith(sha));
    if (matches.length > 0) return matches.length === 1 ? matches[0] : undefined;
  }
  return pullCommitChain(world, repo, sha)?.at(-1);
}

/** sha → commit anywhere in the repository: the branch, force-pushed commits, pull request branches. */
export function commitLookup(world: World, repo: RepoRecord): (sha: string) => CommitRecord | undefined {
  const index = branchIndex(repo);
  const onPullBranches = new Map<string, CommitRecord>();
  return (sha) => {
    const known = repo.orphans.get(sha) ?? repo.branch[index.get(sha) ?? -1] ?? onPullBranches.get(sha);
    if (known) return known;
    for (const commit of pullCommitChain(world, repo, sha) ?? []) onPullBranches.set(commit.sha, commit);
    return onPullBranches.get(sha);
  };
}

/** History reachable from `start`, newest first (a walk of first parents). */
export function historyFrom(world: World, repo: RepoRecord, start: CommitRecord): CommitRecord[] {
  const index = branchIndex(repo);
  const lookup = commitLookup(world, repo);
  const out: CommitRecord[] = [];
  let commit: CommitRecord | undefined = start;
  while (commit && !index.has(commit.sha)) {
    out.push(commit);
    commit = commit.parent ? lookup(commit.parent) : undefined;
  }
  for (let i = commit ? (index.get(commit.sha) ?? -1) : -1; i >= 0; i--) {
    const onBranch = repo.branch[i];
    if (onBranch) out.push(onBranch);
  }
  return out;
}

/** Every commit reachable from `start` through first and second parents, `start` included. */
export function ancestry(world: World, repo: RepoRecord, start: CommitRecord): Map<string, CommitRecord> {
  const lookup = commitLookup(world, repo);
  const reached = new Map<string, CommitRecord>();
  const pending = [start];
  for (let commit = pending.pop(); commit; commit = pending.pop()) {
    if (reached.has(commit.sha)) continue;
    reached.set(commit.sha, commit);
    for (const parent of [commit.parent, commit.mergeParent]) {
      const found = parent && !reached.has(parent) ? lookup(parent) : undefined;
      if (found) pending.push(found);
    }
  }
  return reached;
}

export interface Contribution {
  account: Account | null;
  /** Set for anonymous contributors (an email no account claims). */
  identity: Identity | null;
  contributions: number;
}

const contributorCache = new WeakMap<RepoRecord, { version: number; list: Contribution[] }>();

/** Authors of default-branch commits, most commits first; anonymous ones grouped by email. */
export function contributions(repo: RepoRecord): Contribution[] {
  const cached = contributorCache.get(repo);
  if (cached?.version === repo.branchVersion) return cached.list;
  const byAccount = new Map<Account, Contribution>();
  const byEmail = new Map<string, Contribution>();
  for (const commit of repo.branch) {
    const { account } = commit.author;
    const key = commit.author.email.toLowerCase();
    const entry = account ? byAccount.get(account) : byEmail.get(key);
    if (entry) entry.contributions++;
    else if (account) byAccount.set(account, { account, identity: null, contributions: 1 });
    else byEmail.set(key, { account: null, identity: commit.author, contributions: 1 });
  }
  const list = [...byAccount.values(), ...byEmail.values()].sort(
    (a, b) => b.contributions - a.contributions || (a.account?.id ?? Infinity) - (b.account?.id ?? Infinity),
  );
  contributorCache.set(repo, { version: repo.branchVersion, list });
  return list;
}

export type AuthorAssociation = "MEMBER" | "CONTRIBUTOR" | "NONE";

export function authorAssociation(repo: RepoRecord, account: Account): AuthorAssociation {
  if (account.member && repo.owner.type === "Organization") return "MEMBER";
  return contributions(repo).some((entry) => entry.account === account) ? "CONTRIBUTOR" : "NONE";
}

/** Emulator time (epoch seconds), never before `floor` — keeps a record's timestamps ordered. */
export function nowAfter(world: World, floor: number): number {
  return Math.max(world.now(), floor);
}

/**
 * The head of the default branch at `at`: the newest branch commit committed at or before it
 * (the branch is kept in committer-date order, oldest first). Undefined before the first commit.
 */
export function headAt(repo: RepoRecord, at: number): CommitRecord | undefined {
  let low = 0;
  let high = repo.branch.length - 1;
  let found: CommitRecord | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const commit = repo.branch[mid] as CommitRecord;
    if (commit.committedAt <= at) {
      found = commit;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
