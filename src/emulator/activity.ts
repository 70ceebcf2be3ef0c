/**
 * Seeded live activity for demos (`--activity`): every ~2 s one random change — commits, a new
 * pull request, a push or force-push to one, a review, a merge (squash, merge commit or rebase), a
 * comment, a new or closed issue, an edited comment, and now and then a deployment (staging and
 * production, 15% failing), a CI re-run, a release or an inline review comment — on a random
 * active repository of the organization, through the admin (so counters and events match).
 */
import type { EmulatorAdmin } from "./admin.js";
import type { EmulatorChange } from "./admin-types.js";
import type { Rng } from "./prng.js";
import type { IssueRecord, RepoRecord } from "./world-types.js";
import { EmulatorError } from "./errors.js";
import { deploys } from "./generate-deployments.js";

type Action =
  | "commit"
  | "pull"
  | "push"
  | "review"
  | "merge"
  | "comment"
  | "issue"
  | "close"
  | "edit"
  | "deploy"
  | "rerun"
  | "release"
  | "review_comment";

const ACTIONS: readonly (readonly [Action, number])[] = [
  ["commit", 30],
  ["pull", 10],
  ["push", 8],
  ["review", 15],
  ["merge", 10],
  ["comment", 20],
  ["issue", 8],
  ["close", 5],
  ["edit", 2],
  ["deploy", 4],
  ["rerun", 2],
  ["release", 1],
  ["review_comment", 5],
];

/** Performs one random change and returns the change events it caused. */
export function randomChange(admin: EmulatorAdmin, rng: Rng): EmulatorChange[] {
  const changes: EmulatorChange[] = [];
  const stop = admin.subscribe((change) => changes.push(change));
  try {
    const repos = admin.activeRepos();
    if (repos.length === 0) return changes;
    const repo = rng.pick(repos);
    const open = repo.threads.filter((thread) => !thread.deleted && thread.state === "open");
    const ready = open.filter((thread) => thread.pull && !thread.pull.draft);
    const issues = open.filter((thread) => !thread.pull);
    const action = rng.weighted(ACTIONS);
    if (action === "pull") admin.openPull(repo.id, { draft: rng.chance(0.2) });
    else if (action === "push" && open.some((thread) => thread.pull)) {
      const force = rng.chance(0.2);
      admin.pushToPull(repo.id, rng.pick(open.filter((thread) => thread.pull)).number, { force });
    } else if (action === "review" && ready.length > 0) {
      admin.addReview(repo.id, rng.pick(ready).number, {
        state: rng.pick(["APPROVED", "COMMENTED", "CHANGES_REQUESTED"] as const),
      });
    } else if (action === "merge" && ready.length > 0) {
      // GitHub's three methods; a merge commit brings the branch's older commits in (what an
      // incremental commit walk must not miss), a rebase copies them with their author dates.
      const method = rng.weighted([
        ["squash", 45],
        ["merge", 40],
        ["rebase", 15],
      ] as const);
      admin.mergePull(repo.id, rng.pick(ready).number, { method });
    } else if (action === "comment" && open.length > 0)
      admin.addComment(repo.id, rng.pick(open).number, { body: "Live comment" });
    else if (action === "issue") admin.openIssue(repo.id);
    else if (action === "close" && issues.length > 0) admin.closeIssue(repo.id, rng.pick(issues).number);
    else if (action === "edit" && repo.comments.length > 0) {
      admin.editComment(repo.id, rng.pick(repo.comments).id, { body: "Edited live comment" });
    } else if (!delivery(admin, repo, action, rng, ready))
      admin.addCommits(repo.id, { count: rng.int(1, 3) });
  } catch (error) {
    if (!(error instanceof EmulatorError)) throw error;
  } finally {
    stop();
  }
  return changes;
}

/** The delivery actions; false when the repository has nothing to act on (a commit instead). */
function delivery(
  admin: EmulatorAdmin,
  repo: RepoRecord,
  action: Action,
  rng: Rng,
  ready: readonly IssueRecord[],
): boolean {
  const failed = repo.runs.filter((run) => run.status === "completed" && run.conclusion === "failure");
  if (action === "deploy" && deploys(repo) && repo.branch.length > 0) {
    const environment = rng.chance(0.3) ? "staging" : undefined;
    admin.deploy(repo.id, { environment, outcome: rng.chance(0.15) ? "failure" : "success" });
  } else if (action === "rerun" && failed.length > 0)
    admin.rerunWorkflowRun(repo.id, rng.pick(failed.slice(-10)).id);
  else if (action === "release" && (deploys(repo) || repo.name === "docs") && repo.branch.length > 0)
    admin.createRelease(repo.id);
  else if (action === "review_comment" && ready.length > 0)
    admin.addReviewComment(repo.id, rng.pick(ready).number, { body: "Live review comment" });
  else return false;
  return true;
}

/** Runs `randomChange` every ~`intervalMs` (±50 %, seeded) until the returned stop function runs. */
export function startActivity(admin: EmulatorAdmin, rng: Rng, intervalMs = 2000): () => void {
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(
      () => {
        randomChange(admin, rng);
        schedule();
      },
      Math.round(intervalMs * (0.5 + rng.float())),
    );
    timer.unref();
  };
  schedule();
  return () => clearTimeout(timer);
}
