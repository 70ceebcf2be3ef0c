/**
 * What no webhook announces, for the heal scenarios (heal-*.test.ts): a random mix of changes on
 * GitHub's side — issues and comments deleted, an issue transferred between repositories, a
 * repository renamed, a force-push, merges with each method, new commits and comments.
 */
import type { RunningEmulator } from "../../src/emulator/index.js";
import { rngFor } from "../../src/emulator/prng.js";

/** A random mix of changes on GitHub's side; returns how many were made. */
export function upheaval(emulator: RunningEmulator, seed: number): number {
  const rng = rngFor("heal", seed);
  const admin = emulator.admin;
  const [first, second] = admin.repositories().map((repo) => repo.full_name);
  if (!first || !second) throw new Error("two repositories expected");
  let made = 0;
  const attempt = (change: () => void) => {
    try {
      change();
      made++;
    } catch {
      // A change the emulator refuses for this state (nothing to merge, a draft…) is skipped.
    }
  };
  for (let i = rng.int(1, 3); i > 0; i--) {
    const issue = rng.pick(admin.issues(first));
    attempt(() => admin.deleteIssue(first, issue.number));
  }
  for (let i = rng.int(1, 3); i > 0; i--) {
    const comment = rng.pick(admin.comments(second));
    attempt(() => admin.deleteComment(second, comment.id));
  }
  const moving = rng.pick(admin.issues(second));
  attempt(() => admin.transferIssue(second, moving.number, first));
  attempt(() =>
    admin.addComment(first, rng.pick(admin.issues(first)).number, { body: "after the upheaval" }),
  );
  const open = admin.pulls(first).filter((pull) => pull.state === "open" && !pull.draft);
  if (open.length > 0)
    attempt(() =>
      admin.mergePull(first, rng.pick(open).number, { method: rng.pick(["merge", "squash", "rebase"]) }),
    );
  attempt(() => admin.forcePush(second, { drop: rng.int(1, 2), add: rng.int(0, 2) }));
  attempt(() => admin.addCommits(first, { count: rng.int(1, 3) }));
  if (rng.chance(0.5))
    attempt(() => admin.renameRepository(second, `${second.split("/")[1] ?? "x"}-renamed`));
  return made;
}
