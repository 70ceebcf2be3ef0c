/**
 * The default branch of one repository: a history denser toward the present, into which every
 * merged pull request is woven at its merged_at — squashed, merged with a merge commit or
 * rebased (generate-merges.ts). Fast and compact: 100,000 commits take well under a
 * second, and commits share identity and message strings instead of owning copies.
 */
import type { CommitRecord, Identity, RepoRecord } from "./world-types.js";
import type { People } from "./generate-accounts.js";
import type { Rng } from "./prng.js";
import { commitMessages } from "./text-pools.js";
import { DAY, MINUTE } from "./time.js";
import {
  chooseMergeMethods,
  commitsAdded,
  mainlineAt,
  mergeGenerated,
  type GrowingBranch,
} from "./generate-merges.js";

interface Span {
  start: number;
  end: number;
}

/** Cumulative-weight sampler over the identities that commit to this repository. */
function authorSampler(people: People, rng: Rng): () => Identity {
  const entries: [Identity, number][] = [];
  rng.shuffle(people.humans).forEach((human, rank) => {
    const weight = (100 / Math.pow(rank + 1, 0.9)) * (human.member ? 1 : 0.2);
    const primary = people.identities.get(human);
    const noreply = people.noreply.get(human);
    if (primary) entries.push([primary, weight * 0.7]);
    if (noreply) entries.push([noreply, weight * 0.3]);
  });
  for (const [bot, weight] of [
    [people.bots.dependabot, 6],
    [people.bots.actions, 3],
    [people.bots.renovate, 2],
  ] as const) {
    const identity = people.identities.get(bot);
    if (identity) entries.push([identity, weight]);
  }
  for (const stranger of people.strangers) entries.push([stranger, 2.5]);
  const cumulative: number[] = [];
  let sum = 0;
  for (const [, weight] of entries) cumulative.push((sum += weight));
  return () => {
    const roll = rng.float() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > roll) hi = mid;
      else lo = mid + 1;
    }
    const entry = entries[lo];
    if (!entry) throw new Error("no commit authors");
    return entry[0];
  };
}

/**
 * Fills `repo.branch` with `total` commits: regular ones, and the merged pull requests woven in
 * at their merged_at with GitHub's merge methods (generate-merges.ts; their choices and commits
 * come from `mergeRng`, so the regular commits are the same whatever is chosen).
 */
export function generateCommits(
  repo: RepoRecord,
  people: People,
  total: number,
  rngs: { commits: Rng; merges: Rng },
  span: Span,
): void {
  const rng = rngs.commits;
  const merged = repo.threads
    .filter((thread) => thread.pull?.merged)
    .sort((a, b) => (a.pull?.mergedAt ?? 0) - (b.pull?.mergedAt ?? 0));
  // Merged branches take at most half the commits, so regular work stays dense to the present.
  const methods = chooseMergeMethods(merged, Math.max(Math.floor(total / 2), merged.length), rngs.merges);
  const mergedCommits = merged.reduce(
    (sum, thread, i) => sum + commitsAdded(methods[i] ?? "squash", thread),
    0,
  );
  const regular = Math.max(0, total - mergedCommits);
  const nextAuthor = authorSampler(people, rng);
  const messages = commitMessages(rng, 300);
  const webFlow = people.identities.get(people.webFlow);
  if (!webFlow) throw new Error("web-flow has no identity");
  const growing: GrowingBranch = { branch: repo.branch, mainline: [] };
  const context = { identities: people.identities, webFlow, owner: repo.owner.login, rng: rngs.merges };
  let m = 0;
  for (let i = 0; i <= regular; i++) {
    const at =
      i < regular
        ? Math.floor(span.start + (span.end - span.start) * Math.sqrt((i + rng.float()) / regular))
        : Infinity;
    for (let thread = merged[m]; thread && (thread.pull?.mergedAt ?? 0) <= at; thread = merged[++m]) {
      mergeGenerated(growing, thread, methods[m] ?? "squash", context);
    }
    if (i === regular) break;
    const previous = growing.branch[growing.branch.length - 1];
    const author = nextAuthor();
    const committedAt = Math.max(at, previous?.committedAt ?? at);
    const commit: CommitRecord = {
      sha: rng.hex(40),
      parent: growing.mainline[growing.mainline.length - 1]?.sha ?? null,
      author,
      committer: author,
      authoredAt: rng.chance(0.1)
        ? Math.max(span.start, committedAt - rng.int(MINUTE, 2 * DAY))
        : committedAt,
      committedAt,
      message: messages[i % messages.length] ?? "Update",
      pull: null,
    };
    growing.branch.push(commit);
    growing.mainline.push(commit);
  }
  const head = repo.branch[repo.branch.length - 1];
  if (head) repo.pushedAt = repo.updatedAt = Math.max(repo.updatedAt, head.committedAt);
  for (const thread of repo.threads) {
    if (thread.pull)
      thread.pull.baseSha = mainlineAt(growing.mainline, thread.createdAt)?.sha ?? thread.pull.headSha;
  }
}
