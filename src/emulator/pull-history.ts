/**
 * What happened on a pull request's branch and draft state, consistent with its record:
 * - draft history: about a third of the PRs not a draft now were opened as drafts and marked
 *   ready for review later (before they closed; reviews may come before, as drafts get reviewed);
 * - its commits (GET /pulls/{n}/commits), unless recorded (`pull.commitList`): `pull.commits`
 *   commits by the PR's author, the first authored before the PR was opened, the rest up to its
 *   merge or close (an open PR's up to its opening), the last one `headSha` — so a comment or
 *   review does not change them.
 * Both come from their own seeded streams, so they change none of the world's other data.
 */
import type { CommitRecord, Identity, IssueRecord, RepoRecord, World } from "./world-types.js";
import { identityOf } from "./identities.js";
import { rngFor, type Rng } from "./prng.js";
import { DAY, MINUTE } from "./time.js";

/** GitHub lists at most 250 commits of a pull request (docs: "List commits on a pull request"). */
export const PULL_COMMITS_LIMIT = 250;

/** Adds draft → ready history to the PRs of a freshly generated repository. */
export function addDraftHistory(repo: RepoRecord, rng: Rng): void {
  for (const thread of repo.threads) {
    const pull = thread.pull;
    if (!pull || pull.draft || !rng.chance(0.35)) continue;
    const end = Math.min(thread.closedAt ?? thread.updatedAt, thread.updatedAt);
    if (end - thread.createdAt < 2 * MINUTE) continue;
    const at = thread.createdAt + MINUTE + Math.floor(rng.float() * (end - thread.createdAt - MINUTE));
    pull.draftEvents.push({ event: "ready_for_review", at, actor: thread.user });
  }
}

/** When the PR was first marked ready for review (null: never opened as a draft, or still one). */
export function firstReadyAt(thread: IssueRecord): number | null {
  return thread.pull?.draftEvents.find((event) => event.event === "ready_for_review")?.at ?? null;
}

const FOLLOW_UPS = ["Address review comments", "Fix tests", "Rename for clarity", "Handle the empty case"];

/** How long before opening the PR its first commit was authored (a bot opens at once). */
export function firstCommitLead(rng: Rng, thread: IssueRecord): number {
  return thread.user.type === "Bot" ? MINUTE : rng.int(5 * MINUTE, 2 * DAY);
}

/**
 * `count` commits of a PR's branch by `author`, oldest first: the first at `first`, the rest
 * spread up to `last`, chained from `parent`; the last one is `headSha`.
 */
export function branchCommits(
  rng: Rng,
  thread: IssueRecord,
  author: Identity,
  spec: { count: number; first: number; last: number; parent: string | null; headSha: string },
): CommitRecord[] {
  const { first } = spec;
  const last = Math.max(first, spec.last);
  const times = Array.from({ length: spec.count }, (_, i) =>
    i === 0 ? first : first + Math.floor(rng.float() * (last - first)),
  ).sort((a, b) => a - b);
  let parent = spec.parent;
  return times.map((at, i) => {
    const sha = i === times.length - 1 ? spec.headSha : rng.hex(40);
    const commit: CommitRecord = {
      sha,
      parent,
      author,
      committer: author,
      authoredAt: at,
      committedAt: at,
      message: i === 0 ? thread.title : (FOLLOW_UPS[i % FOLLOW_UPS.length] ?? "Update"),
      pull: null,
    };
    parent = sha;
    return commit;
  });
}

/**
 * The PR's commits, oldest first: those recorded (generated merges, the long-lived PR, pushes),
 * else derived from its id and head, so stable across requests.
 */
export function pullCommits(world: World, thread: IssueRecord): CommitRecord[] {
  const pull = thread.pull;
  if (!pull) return [];
  if (pull.commitList) return pull.commitList;
  const rng = rngFor(world.seed, "pull-commits", pull.id, pull.headSha);
  const first = thread.createdAt - firstCommitLead(rng, thread);
  return branchCommits(rng, thread, identityOf(world.identities, thread.user), {
    count: pull.commits,
    first,
    last: pull.mergedAt ?? thread.closedAt ?? thread.createdAt,
    parent: pull.baseSha || null,
    headSha: pull.headSha,
  });
}
