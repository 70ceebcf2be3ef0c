/**
 * The default branch of one repository: a linear history, denser toward the present, into which
 * the squash commit of every merged pull request is woven at its merged_at (authored by the PR
 * author, committed by GitHub's `web-flow`). Fast and compact: 100,000 commits take well under a
 * second, and commits share identity and message strings instead of owning copies.
 */
import type { CommitRecord, Identity, IssueRecord, RepoRecord } from "./world-types.js";
import type { People } from "./generate-accounts.js";
import type { Rng } from "./prng.js";
import { commitMessages } from "./text-pools.js";
import { DAY, MINUTE } from "./time.js";

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

/** Fills `repo.branch` with `total` commits (at least one per merged pull request). */
export function generateCommits(repo: RepoRecord, people: People, total: number, rng: Rng, span: Span): void {
  const merged = repo.threads
    .filter((thread) => thread.pull?.merged)
    .sort((a, b) => (a.pull?.mergedAt ?? 0) - (b.pull?.mergedAt ?? 0));
  const regular = Math.max(0, total - merged.length);
  const nextAuthor = authorSampler(people, rng);
  const messages = commitMessages(rng, 300);
  const webFlow = people.identities.get(people.webFlow);
  if (!webFlow) throw new Error("web-flow has no identity");
  const branch = repo.branch;
  let m = 0;
  for (let i = 0; i <= regular; i++) {
    const at =
      i < regular
        ? Math.floor(span.start + (span.end - span.start) * Math.sqrt((i + rng.float()) / regular))
        : Infinity;
    for (let thread = merged[m]; thread && (thread.pull?.mergedAt ?? 0) <= at; thread = merged[++m]) {
      branch.push(mergeCommit(thread, people, webFlow, branch[branch.length - 1] ?? null, rng));
    }
    if (i === regular) break;
    const previous = branch[branch.length - 1];
    const author = nextAuthor();
    const committedAt = Math.max(at, previous?.committedAt ?? at);
    branch.push({
      sha: rng.hex(40),
      parent: previous?.sha ?? null,
      author,
      committer: author,
      authoredAt: rng.chance(0.1)
        ? Math.max(span.start, committedAt - rng.int(MINUTE, 2 * DAY))
        : committedAt,
      committedAt,
      message: messages[i % messages.length] ?? "Update",
      pull: null,
    });
  }
  const head = repo.branch[repo.branch.length - 1];
  if (head) repo.pushedAt = repo.updatedAt = Math.max(repo.updatedAt, head.committedAt);
  setBaseShas(repo);
}

function mergeCommit(
  thread: IssueRecord,
  people: People,
  webFlow: Identity,
  previous: CommitRecord | null,
  rng: Rng,
) {
  const pull = thread.pull;
  if (!pull?.mergedAt) throw new Error(`#${thread.number} is not merged`);
  const author = people.identities.get(thread.user) ?? webFlow;
  const committedAt = Math.max(pull.mergedAt, previous?.committedAt ?? 0);
  const commit: CommitRecord = {
    sha: rng.hex(40),
    parent: previous?.sha ?? null,
    author,
    committer: webFlow,
    authoredAt: committedAt,
    committedAt,
    message: `${thread.title} (#${thread.number})`,
    pull: thread.number,
  };
  pull.mergeCommitSha = commit.sha;
  return commit;
}

/** base.sha of each pull request: the default branch head when it was opened. */
function setBaseShas(repo: RepoRecord): void {
  const branch = repo.branch;
  for (const thread of repo.threads) {
    if (!thread.pull) continue;
    let lo = 0;
    let hi = branch.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((branch[mid]?.committedAt ?? 0) <= thread.createdAt) lo = mid;
      else hi = mid - 1;
    }
    thread.pull.baseSha = branch[lo]?.sha ?? thread.pull.headSha;
  }
}
