import type { Clock } from "./time.js";

export type Scale = "small" | "medium" | "large";

/** Options of {@link startEmulator}; see src/emulator/README.md. */
export interface EmulatorOptions {
  /** 0 = a free port. Default 3901. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 1. Data (ids, counts, contents) depends only on seed, org, repos and scale. */
  seed?: number | string;
  /** Organization login. Default "acme". */
  org?: string;
  /** Number of repositories. Default 3. */
  repos?: number;
  /** Default "small". */
  scale?: Scale;
  /** Commits on the default branch: one number for every repository, or per repository name. */
  commitsPerRepo?: number | Record<string, number>;
  /** Added delay per API request (admin routes excluded). */
  latencyMs?: number;
  /** 0..1: fraction of API requests that fail with 500/502/503 or a dropped connection. */
  faultRate?: number;
  /** Primary rate limit per token and window. Default 5000 (anonymous: 60). */
  rateLimit?: number;
  /** Length of the rate-limit window, starting at a token's first request. Default 3600. */
  rateWindowS?: number;
  /** Secondary limit on requests per minute per token (GitHub: 900 points). Default 0 = off. */
  pointsPerMinute?: number;
  /** Random live activity every ~2 s (seeded). */
  activity?: boolean;
  /** Start time; generated timestamps end here. Default: now. */
  now?: Date;
  /** Wall clock (epoch ms) used to advance time after start; default Date.now. For tests. */
  clock?: Clock;
}

export interface ScaleProfile {
  commits: number;
  pulls: number;
  issues: number;
  /** Pull requests with many reviews, and how many reviews they get. */
  heavyReviewPulls: number;
  heavyReviews: readonly [number, number];
}

export const SCALES: Readonly<Record<Scale, ScaleProfile>> = {
  small: { commits: 200, pulls: 50, issues: 50, heavyReviewPulls: 1, heavyReviews: [31, 40] },
  medium: { commits: 2000, pulls: 300, issues: 300, heavyReviewPulls: 1, heavyReviews: [60, 90] },
  large: { commits: 20000, pulls: 2000, issues: 1000, heavyReviewPulls: 3, heavyReviews: [101, 140] },
};

export interface ResolvedOptions {
  port: number;
  host: string;
  seed: string;
  org: string;
  repos: number;
  scale: Scale;
  commitsPerRepo: number | Record<string, number> | undefined;
  latencyMs: number;
  faultRate: number;
  rateLimit: number;
  rateWindowS: number;
  pointsPerMinute: number;
  activity: boolean;
  startMs: number;
  clock: Clock;
}

/** Applies defaults and validates once, at start (a bad option is a clear error, not odd data). */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const clock = options.clock ?? Date.now;
  const resolved: ResolvedOptions = {
    port: options.port ?? 3901,
    host: options.host ?? "127.0.0.1",
    seed: String(options.seed ?? 1),
    org: options.org ?? "acme",
    repos: options.repos ?? 3,
    scale: options.scale ?? "small",
    commitsPerRepo: options.commitsPerRepo,
    latencyMs: options.latencyMs ?? 0,
    faultRate: options.faultRate ?? 0,
    rateLimit: options.rateLimit ?? 5000,
    rateWindowS: options.rateWindowS ?? 3600,
    pointsPerMinute: options.pointsPerMinute ?? 0,
    activity: options.activity ?? false,
    startMs: options.now ? options.now.getTime() : clock(),
    clock,
  };
  check(
    Number.isInteger(resolved.port) && resolved.port >= 0 && resolved.port < 65536,
    "port",
    resolved.port,
  );
  check(
    Number.isInteger(resolved.repos) && resolved.repos >= 1 && resolved.repos <= 1000,
    "repos",
    resolved.repos,
  );
  check(resolved.scale in SCALES, "scale", resolved.scale);
  check(/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(resolved.org), "org", resolved.org);
  check(resolved.faultRate >= 0 && resolved.faultRate <= 1, "faultRate", resolved.faultRate);
  check(resolved.latencyMs >= 0, "latencyMs", resolved.latencyMs);
  check(Number.isInteger(resolved.rateLimit) && resolved.rateLimit >= 1, "rateLimit", resolved.rateLimit);
  check(resolved.rateWindowS > 0, "rateWindowS", resolved.rateWindowS);
  check(resolved.pointsPerMinute >= 0, "pointsPerMinute", resolved.pointsPerMinute);
  check(Number.isFinite(resolved.startMs), "now", options.now);
  return resolved;
}

function check(ok: boolean, name: string, value: unknown): void {
  if (!ok) throw new RangeError(`emulator option ${name}: invalid value ${JSON.stringify(value)}`);
}

/** Commits on the default branch of the repository `name`, merge commits of merged PRs included. */
export function commitTarget(options: ResolvedOptions, name: string, scaled: number): number {
  const override = options.commitsPerRepo;
  if (typeof override === "number") return override;
  return override?.[name] ?? scaled;
}
