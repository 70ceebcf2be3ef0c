/**
 * How the generated history's merged pull requests reached the default branch, with GitHub's
 * three merge methods:
 * - `squash`: one commit by the PR's author, committed by web-flow;
 * - `merge`: the PR's commits at their own (older) dates, then a two-parent merge commit by the
 *   merger — the branch's work is listed below newer default-branch commits;
 * - `rebase`: copies of the PR's commits with new shas, committed by web-flow at the merge, their
 *   author dates kept — so author dates run out of list order.
 * The PR's own commits (GET /pulls/{n}/commits) are recorded for the last two.
 */
import type { Account, CommitRecord, Identity, IssueRecord, MergeMethod } from "./world-types.js";
import type { Rng } from "./prng.js";
import { insertByDate } from "./branch-order.js";
import { identityOf } from "./identities.js";
import { branchCommits, firstCommitLead } from "./pull-history.js";

/** The branch under construction: every commit by date, and its first-parent line. */
export interface GrowingBranch {
  branch: CommitRecord[];
  mainline: CommitRecord[];
}

export interface MergeContext {
  identities: ReadonlyMap<Account, Identity>;
  webFlow: Identity;
  owner: string;
  rng: Rng;
}

/** How many commits merging the PR adds to the default branch. */
export function commitsAdded(method: MergeMethod, thread: IssueRecord): number {
  const count = thread.pull?.commits ?? 1;
  return method === "squash" ? 1 : method === "merge" ? count + 1 : count;
}

/**
 * A method per merged PR (in merge order): bots squash or rebase, people mostly squash. Methods
 * that add several commits fall back to squash, newest first, until `budget` commits suffice.
 */
export function chooseMergeMethods(merged: IssueRecord[], budget: number, rng: Rng): MergeMethod[] {
  const methods = merged.map((thread): MergeMethod =>
    thread.user.type === "Bot"
      ? rng.chance(0.3)
        ? "rebase"
        : "squash"
      : rng.weighted<MergeMethod>([
          ["squash", 55],
          ["merge", 30],
          ["rebase", 15],
        ]),
  );
  let used = methods.reduce((sum, method, i) => sum + commitsAdded(method, merged[i] as IssueRecord), 0);
  for (let i = methods.length - 1; i >= 0 && used > budget; i--) {
    const thread = merged[i] as IssueRecord;
    used -= commitsAdded(methods[i] as MergeMethod, thread) - 1;
    methods[i] = "squash";
  }
  return methods;
}

/** The last first-parent commit at or before `at` (what a PR opened then was based on). */
export function mainlineAt(mainline: readonly CommitRecord[], at: number): CommitRecord | undefined {
  let lo = 0;
  let hi = mainline.length - 1;
  if (hi < 0 || (mainline[0]?.committedAt ?? 0) > at) return mainline[0];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((mainline[mid]?.committedAt ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return mainline[lo];
}

function append(growing: GrowingBranch, commit: CommitRecord): CommitRecord {
  growing.branch.push(commit);
  growing.mainline.push(commit);
  return commit;
}

/** Puts a merged PR on the branch at its merged_at, with `method`; sets its merge_commit_sha. */
export function mergeGenerated(
  growing: GrowingBranch,
  thread: IssueRecord,
  method: MergeMethod,
  ctx: MergeContext,
): void {
  const pull = thread.pull;
  if (!pull?.mergedAt) throw new Error(`#${thread.number} is not merged`);
  const { rng, webFlow } = ctx;
  const author = identityOf(ctx.identities, thread.user);
  const tip = growing.mainline[growing.mainline.length - 1] ?? null;
  const at = () => Math.max(pull.mergedAt ?? 0, growing.branch[growing.branch.length - 1]?.committedAt ?? 0);
  if (method === "squash") {
    const commit = append(growing, {
      sha: rng.hex(40),
      parent: tip?.sha ?? null,
      author,
      committer: webFlow,
      authoredAt: at(),
      committedAt: at(),
      message: `${thread.title} (#${thread.number})`,
      pull: thread.number,
    });
    pull.mergeCommitSha = commit.sha;
    return;
  }
  const own = branchCommits(rng, thread, author, {
    count: pull.commits,
    first: thread.createdAt - firstCommitLead(rng, thread),
    last: pull.mergedAt,
    parent: mainlineAt(growing.mainline, thread.createdAt)?.sha ?? null,
    headSha: pull.headSha,
  });
  pull.commitList = own;
  let last = tip;
  if (method === "merge") {
    for (const commit of own) insertByDate(growing.branch, commit);
    const merger = pull.mergedBy ?? thread.user;
    last = append(growing, {
      sha: rng.hex(40),
      parent: tip?.sha ?? null,
      mergeParent: pull.headSha,
      author: identityOf(ctx.identities, merger),
      committer: webFlow,
      authoredAt: at(),
      committedAt: at(),
      message: `Merge pull request #${thread.number} from ${ctx.owner}/${pull.headRef}\n\n${thread.title}`,
      pull: thread.number,
    });
  } else {
    for (const commit of own) {
      last = append(growing, {
        ...commit,
        sha: rng.hex(40),
        parent: last?.sha ?? null,
        committer: webFlow,
        committedAt: at(),
        pull: commit === own[own.length - 1] ? thread.number : null,
      });
    }
  }
  pull.mergeCommitSha = last?.sha ?? null;
}
