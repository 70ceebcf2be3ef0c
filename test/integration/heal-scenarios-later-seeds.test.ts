/**
 * The mirror heals itself (issue 15, part 6), without webhooks: the second half of the seeds of
 * heal-scenarios.test.ts (which says what each seed proves), in a file of its own so that the two
 * halves run in parallel.
 */
import { describe, expect, it } from "vitest";
import { githubFigures, recordFault } from "../helpers/fault-figures.js";
import { HEAL_SEEDS, healOnSeeds } from "../helpers/heal-seeds.js";

const FIRST = HEAL_SEEDS / 2 + 1;

describe("a mirror that heals itself", () => {
  it(`ends equal to GitHub after sync and verify, on seeds ${FIRST} to ${HEAL_SEEDS} of ${HEAL_SEEDS}`, async ({
    task,
  }) => {
    const { injected, differing, failures } = await healOnSeeds(FIRST, HEAL_SEEDS);
    recordFault(task, githubFigures([21, 23], injected, differing));
    expect(failures).toEqual([]);
  }, 600_000);
});
