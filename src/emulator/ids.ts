/**
 * GitHub-like identifiers: one global, increasing sequence per entity type (repository ids, PR
 * ids, issue ids… as on GitHub, where a pull request also has an issue id), with gaps, starting at
 * a seed-dependent base. All stay far below 2^53.
 */
import type { Rng } from "./prng.js";
import { rngFor } from "./prng.js";

export type IdKind = "user" | "repo" | "issue" | "pull" | "review" | "comment" | "label";

/**
 * Delivery data (issue 18) came later: its sequences draw from their own stream, so the ids of
 * everything above are what they were before it existed.
 */
export type DeliveryIdKind =
  | "workflow"
  | "run"
  | "job"
  | "checkSuite"
  | "deployment"
  | "deploymentStatus"
  | "environment"
  | "release"
  | "reviewComment"
  | "team"
  | "label";

/** Where each sequence starts (a seeded point in [base, base + spread]), near GitHub's magnitudes. */
export const DELIVERY_BASES: Readonly<Record<DeliveryIdKind, readonly [number, number]>> = {
  workflow: [60_000_000, 40_000_000],
  run: [10_000_000_000, 4_000_000_000],
  job: [30_000_000_000, 4_000_000_000],
  checkSuite: [26_000_000_000, 2_000_000_000],
  deployment: [1_000_000_000, 500_000_000],
  deploymentStatus: [20_000_000_000, 2_000_000_000],
  environment: [3_000_000_000, 500_000_000],
  release: [150_000_000, 50_000_000],
  reviewComment: [1_400_000_000, 100_000_000],
  team: [5_000_000, 5_000_000],
  label: [6_000_000_000, 500_000_000],
};

export const BASES: Readonly<Record<IdKind, readonly [number, number]>> = {
  user: [50_000_000, 90_000_000],
  repo: [300_000_000, 500_000_000],
  issue: [1_500_000_000, 1_000_000_000],
  pull: [1_200_000_000, 1_000_000_000],
  review: [1_800_000_000, 1_000_000_000],
  comment: [1_600_000_000, 1_000_000_000],
  label: [4_000_000_000, 1_000_000_000],
};

export class IdSequences<K extends string = IdKind> {
  private readonly last = new Map<K, number>();

  constructor(
    private readonly rng: Rng,
    bases: Readonly<Record<K, readonly [number, number]>>,
  ) {
    for (const [kind, [base, spread]] of Object.entries(bases) as [K, readonly [number, number]][]) {
      this.last.set(kind, base + rng.int(0, spread));
    }
  }

  next(kind: K): number {
    const id = (this.last.get(kind) ?? 0) + this.rng.int(1, 40);
    this.last.set(kind, id);
    return id;
  }
}

/** Legacy global node id, e.g. "MDEwOlJlcG9zaXRvcnkxMjk2MjY5" = base64("010:Repository1296269"). */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString("base64");
}

/** Deterministic 40-hex value derived from another (tree and blob shas of a commit). */
export function derivedSha(...parts: readonly (string | number)[]): string {
  return rngFor("sha", ...parts).hex(40);
}
