/**
 * The mirror heals itself (issue 15, part 6), without webhooks: for each seed, a backfill meets
 * deletions as it walks, then the mirrored organization meets a random mix of what no webhook
 * announces here — issues and comments deleted, an issue transferred between repositories, a
 * repository renamed, a force-push, merges with each method, new commits and comments — then one
 * incremental sync and one verification, and the mirror's counts equal an independent walk of the
 * emulator (20 seeds; GHSYNC_FULL_TESTS=1 runs 200). This file runs the first half of the seeds,
 * heal-scenarios-later-seeds.test.ts the second (in parallel); with webhooks: heal-webhooks.test.ts.
 */
import { describe, expect, it } from "vitest";
import { githubFigures, recordFault } from "../helpers/fault-figures.js";
import { HEAL_SEEDS, healOnSeeds } from "../helpers/heal-seeds.js";

const LAST = HEAL_SEEDS / 2;

describe("a mirror that heals itself", () => {
  it(`ends equal to GitHub after sync and verify, on seeds 1 to ${LAST} of ${HEAL_SEEDS}`, async ({
    task,
  }) => {
    const { injected, differing, failures } = await healOnSeeds(1, LAST);
    recordFault(task, githubFigures([21, 23], injected, differing));
    expect(failures).toEqual([]);
  }, 600_000);
});
