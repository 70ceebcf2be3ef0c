/**
 * The fault suite's figures (issue 20, scope 2): a test that injects faults from the catalog
 * (docs/faults.md) records what it injected and what came of it on its own task; the summary
 * reporter (summary-reporter.ts) prints them as one table per run, grouped by family.
 */
import type { MirrorCounts } from "../../src/contract/repositories.js";
import type { RunningEmulator } from "../../src/emulator/index.js";

export type FaultFamily = "GitHub" | "database" | "process" | "hostile input";

export interface FaultFigures {
  family: FaultFamily;
  /** Case numbers of docs/faults.md the test covers. */
  cases: number[];
  /** Faults injected: failed requests, dropped or duplicated deliveries, kills, restarts, bad inputs. */
  injected: number;
  /** Deliveries acknowledged (2xx) and never applied. Must be 0. */
  lost: number;
  /** Mirror counts differing from the truth (an independent walk of the emulator). Must be 0. */
  differing: number;
  /** Processes that exited or stopped answering when they should not have. Must be 0. */
  crashes: number;
  /** Answers 500 or above to bad input (not to a database that is down: 503 is right). Must be 0. */
  serverErrors: number;
}

declare module "vitest" {
  interface TaskMeta {
    fault?: FaultFigures;
  }
}

export function recordFault(task: { meta: { fault?: FaultFigures } }, figures: FaultFigures): void {
  task.meta.fault = figures;
}

/** The figures of a test that injects GitHub's faults into a mirror and counts what differs after. */
export function githubFigures(cases: number[], injected: number, differing: number): FaultFigures {
  return { family: "GitHub", cases, injected, lost: 0, differing, crashes: 0, serverErrors: 0 };
}

/** How many of the mirror's counts differ from the truth's. */
/** The keys of `truth` (the counts it knows) whose mirror count differs. */
export function countsDiffering(mirror: MirrorCounts, truth: Partial<MirrorCounts>): number {
  return (Object.keys(truth) as (keyof MirrorCounts)[]).filter((key) => mirror[key] !== truth[key]).length;
}

/** Requests the emulator failed on purpose (5xx, dropped connections) or refused for a limit. */
export function githubFaultsInjected(emulator: RunningEmulator): number {
  return Object.values(emulator.admin.requestStats()).reduce(
    (sum, token) => sum + token.faults + token.rate_limited,
    0,
  );
}

/** The figures of a sync that must end equal to the truth: GitHub's faults, and what differs. */
export function syncFaultFigures(
  emulator: RunningEmulator,
  cases: number[],
  mirror: MirrorCounts,
  truth: Partial<MirrorCounts>,
): FaultFigures {
  return {
    family: "GitHub",
    cases,
    injected: githubFaultsInjected(emulator),
    lost: 0,
    differing: countsDiffering(mirror, truth),
    crashes: 0,
    serverErrors: 0,
  };
}
