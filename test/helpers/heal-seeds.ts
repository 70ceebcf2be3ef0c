/**
 * The heal scenario without webhooks, for a range of seeds (heal-scenarios*.test.ts: the seeds are
 * independent, so two files run them in parallel). For each seed, a backfill meets deletions as it
 * walks, then the organization meets an upheaval (heal-upheaval.ts), then one incremental sync and
 * one verification; the mirror's counts are compared with an independent walk of the emulator.
 */
import { startEmulator } from "../../src/emulator/index.js";
import { rngFor } from "../../src/emulator/prng.js";
import { mirrorCounts } from "../../src/store/stats.js";
import { Progress } from "../../src/sync/progress.js";
import { runVerify } from "../../src/sync/run-verify.js";
import { freshDatabase } from "./databases.js";
import { deletingFetch } from "./deleting-fetch.js";
import { countsDiffering } from "./fault-figures.js";
import { upheaval } from "./heal-upheaval.js";
import { silentLog, syncOrg, testClient } from "./sync-harness.js";
import { walkOrganization } from "./walk-github.js";

/** 20 seeds by default; GHSYNC_FULL_TESTS=1 runs 200. */
export const HEAL_SEEDS = process.env.GHSYNC_FULL_TESTS === "1" ? 200 : 20;

export interface HealOutcome {
  injected: number;
  differing: number;
  /** One line per seed whose mirror differs from the truth. */
  failures: string[];
}

/** Runs the scenario on seeds `first`..`last` (inclusive), one after the other. */
export async function healOnSeeds(first: number, last: number): Promise<HealOutcome> {
  const outcome: HealOutcome = { injected: 0, differing: 0, failures: [] };
  for (let seed = first; seed <= last; seed++) {
    const emulator = await startEmulator({ port: 0, seed: `heal-${seed}`, repos: 2, scale: "small" });
    const database = await freshDatabase();
    try {
      // The backfill itself meets deletions: a comment and an issue of the first repository go
      // once a page of their lists has been read.
      const rng = rngFor("heal-backfill", seed);
      const repo = emulator.admin.repositories()[0]?.full_name ?? "acme/web";
      const during = deletingFetch({
        "/issues/comments": [
          {
            after: 2,
            remove: () => (emulator.admin.deleteComment(repo, rng.pick(emulator.admin.comments(repo)).id), 1),
          },
        ],
        "/issues": [
          {
            after: 1,
            remove: () => (emulator.admin.deleteIssue(repo, rng.pick(emulator.admin.issues(repo)).number), 1),
          },
        ],
      });
      await syncOrg(database.db, testClient(emulator.url, ["test-token"], { fetch: during.fetch }), "acme");
      outcome.injected += during.deleted();
      const client = testClient(emulator.url);
      outcome.injected += upheaval(emulator, seed);
      await syncOrg(database.db, client, "acme", "30d");
      await runVerify(
        { db: database.db, client, log: silentLog, progress: new Progress() },
        { repositories: [], org: "acme" },
      );
      const truth = (await walkOrganization(emulator.url, "acme")).counts;
      const mirrored = await mirrorCounts(database.db, { org: "acme" });
      const off = countsDiffering(mirrored, truth);
      outcome.differing += off;
      if (off > 0)
        outcome.failures.push(`seed ${seed}: mirror ${JSON.stringify(mirrored)} ≠ ${JSON.stringify(truth)}`);
    } finally {
      await database.close();
      await emulator.close();
    }
  }
  return outcome;
}
