/**
 * The mirror heals itself (issue 15, part 6): for each seed, a mirrored organization meets a random
 * mix of what no webhook announces here — issues and comments deleted, an issue transferred between
 * repositories, a repository renamed, a force-push, merges with each method, new commits and
 * comments — then one incremental sync and one verification, and the mirror's counts equal an
 * independent walk of the emulator. 20 seeds; GHSYNC_FULL_TESTS=1 runs 200.
 */
import { describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { rngFor } from "../../src/emulator/prng.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { Progress } from "../../src/sync/progress.js";
import { runVerify } from "../../src/sync/run-verify.js";
import { freshDatabase } from "../helpers/databases.js";
import { countsDiffering, recordFault } from "../helpers/fault-figures.js";
import { silentLog, syncOrg, testClient } from "../helpers/sync-harness.js";
import { walkOrganization } from "../helpers/walk-github.js";

const SEEDS = process.env.GHSYNC_FULL_TESTS === "1" ? 200 : 20;

/** A random mix of changes on GitHub's side; returns how many were made. */
function upheaval(emulator: RunningEmulator, seed: number): number {
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

describe("a mirror that heals itself", () => {
  it(`ends equal to GitHub after sync and verify, on ${SEEDS} seeds`, async ({ task }) => {
    let injected = 0;
    let differing = 0;
    const failures: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const emulator = await startEmulator({ port: 0, seed: `heal-${seed}`, repos: 2, scale: "small" });
      const database = await freshDatabase();
      try {
        const client = testClient(emulator.url);
        await syncOrg(database.db, client, "acme");
        injected += upheaval(emulator, seed);
        await syncOrg(database.db, client, "acme", "30d");
        await runVerify(
          { db: database.db, client, log: silentLog, progress: new Progress() },
          { repositories: [], org: "acme" },
        );
        const truth = (await walkOrganization(emulator.url, "acme")).counts;
        const mirrored = await mirrorCounts(database.db, { org: "acme" });
        const off = countsDiffering(mirrored, truth);
        differing += off;
        if (off > 0)
          failures.push(`seed ${seed}: mirror ${JSON.stringify(mirrored)} ≠ ${JSON.stringify(truth)}`);
      } finally {
        await database.close();
        await emulator.close();
      }
    }
    recordFault(task, {
      family: "GitHub",
      cases: [21, 23],
      injected,
      lost: 0,
      differing,
      crashes: 0,
      serverErrors: 0,
    });
    expect(failures).toEqual([]);
  }, 600_000);
});
