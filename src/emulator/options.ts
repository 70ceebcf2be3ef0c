import type { Clock } from "./time.js";

export type Scale = "tiny" | "small" | "medium" | "large";

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
  /** Pull requests (instead of the scale's): one number for every repository, or per repository name. */
  pullsPerRepo?: number | Record<string, number>;
  /** Added delay per API request (admin routes excluded). */
  latencyMs?: number;
  /** 0..1: fraction of API requests that fail with 500/502/503 or a dropped connection. */
  faultRate?: number;
  /** Primary rate limit per token and window. Default 5000 (anonymous: 60). */
  rateLimit?: number;
  /** Serve GraphQL at /graphql and /api/graphql. Default true; false: 404, like a server without it. */
  graphql?: boolean;
  /** GraphQL's primary limit per token and window, in points (counted apart from REST). Default 5000. */
  graphqlRateLimit?: number;
  /** A query requesting more nodes takes GitHub longer than its 10 s: a 502. Default 50,000. */
  graphqlTimeoutNodes?: number;
  /** Length of the rate-limit window, starting at a token's first request. Default 3600. */
  rateWindowS?: number;
  /** Status of an exhausted primary limit (GitHub sends 403 or 429). Default 403. */
  primaryStatus?: 403 | 429;
  /** Age at which the contributors list is recomputed (GitHub: "a few hours"). Default 3 h; 0 = live. */
  contributorsDelayS?: number;
  /** Secondary limit on requests per minute per token (GitHub: 900 points). Default 0 = off. */
  pointsPerMinute?: number;
  /** Search's index lag: a change younger than this is not found by /search/issues yet. Default 0. */
  searchLagS?: number;
  /** Random live activity (seeded), each change in a random active repository. */
  activity?: boolean;
  /** Changes a minute of that activity, on average. Default 30 (one every ~2 s). */
  activityPerMinute?: number;
  /**
   * A push through the admin (activity included) starts a CI workflow run, sent as workflow_run,
   * workflow_job, check_run and check_suite webhooks. Default: on with `activity` (the demo), off
   * otherwise, so that the deliveries of a push stay what they were.
   */
  ciOnPush?: boolean;
  /** Start time; generated timestamps end here. Default: now. */
  now?: Date;
  /** Wall clock (epoch ms) used to advance time after start; default Date.now. For tests. */
  clock?: Clock;
  /** Sends every admin change as a signed GitHub webhook delivery to `url` (see README.md). */
  webhook?: WebhookOptions;
  /** The emulated GitHub App (JWT, installations, installation tokens, delivery log). */
  app?: AppOptions;
  /** The emulated OAuth App that people sign in with (see README.md, "OAuth web flow"). */
  oauth?: OAuthOptions;
}

/** The one OAuth App the emulator knows. */
export interface OAuthOptions {
  /** Default "ghsync-emulator-client". */
  clientId?: string;
  /** Default "ghsync-emulator-secret". */
  clientSecret?: string;
  /** The registered callback URL: a `redirect_uri` must start with it. Default: any is accepted. */
  callbackUrl?: string;
  /** Who signs in when the authorize request names no `login`. Default: the first member. */
  defaultLogin?: string;
}

export interface ResolvedOAuth {
  clientId: string;
  clientSecret: string;
  callbackUrl: string | null;
  defaultLogin: string | null;
}

/** The one GitHub App the emulator knows (see README.md, "GitHub App"). */
export interface AppOptions {
  /** App id (the JWT's `iss`). Default 1. */
  id?: number;
  /** Default "ghsync-emulator". */
  slug?: string;
  /** RSA private key (PEM, PKCS#1 or PKCS#8). Default: a 2048-bit key generated on first use. */
  privateKey?: string;
}

export interface ResolvedApp {
  id: number;
  slug: string;
  /** null: generated on first use. */
  privateKey: string | null;
}

/** The emulator's webhook (one organization hook for every repository) and its chaos. */
export interface WebhookOptions {
  /** http(s) URL each delivery is POSTed to. */
  url: string;
  /** Signs deliveries (X-Hub-Signature-256); without one, no signature headers, as on GitHub. */
  secret?: string;
  /** 0..1: deliveries never sent (recorded as dropped). */
  dropRate?: number;
  /** 0..1: deliveries sent twice with the same X-GitHub-Delivery. */
  duplicateRate?: number;
  /** Shuffle deliveries within windows of this many (true = 10) before sending. */
  reorder?: boolean | number;
  /** Added delay before each send. */
  delayMs?: number;
  /** 0..1: deliveries sent with a wrong signature (a receiver must answer 401). */
  badSignatureRate?: number;
  /** 0..1: deliveries whose body is cut into invalid JSON, correctly signed (a receiver: 400). */
  malformedRate?: number;
  /** Deliveries in flight at once. Default 8. */
  concurrency?: number;
  /** A delivery without an answer after this long fails (GitHub: 10 s). Default 10000. */
  timeoutMs?: number;
}

export interface ResolvedWebhook {
  url: URL;
  secret: string | null;
  dropRate: number;
  duplicateRate: number;
  /** Window size; 1 = no reordering. */
  reorder: number;
  delayMs: number;
  badSignatureRate: number;
  malformedRate: number;
  concurrency: number;
  timeoutMs: number;
}

/** Window of `reorder: true`. */
export const DEFAULT_REORDER_WINDOW = 10;

export interface ScaleProfile {
  commits: number;
  pulls: number;
  issues: number;
  /** Pull requests with many reviews, and how many reviews they get. */
  heavyReviewPulls: number;
  heavyReviews: readonly [number, number];
  /** CI workflow runs kept per repository (the newest of the last 120 days). */
  runs: number;
}

export const SCALES: Readonly<Record<Scale, ScaleProfile>> = {
  // A handful of items per repository, for organizations of 10,000 repositories.
  tiny: { commits: 5, pulls: 2, issues: 3, heavyReviewPulls: 0, heavyReviews: [0, 0], runs: 2 },
  small: { commits: 200, pulls: 50, issues: 50, heavyReviewPulls: 1, heavyReviews: [31, 40], runs: 60 },
  medium: { commits: 2000, pulls: 300, issues: 300, heavyReviewPulls: 1, heavyReviews: [60, 90], runs: 300 },
  large: {
    commits: 20000,
    pulls: 2000,
    issues: 1000,
    heavyReviewPulls: 3,
    heavyReviews: [101, 140],
    runs: 1000,
  },
};

export interface ResolvedOptions {
  port: number;
  host: string;
  seed: string;
  org: string;
  repos: number;
  scale: Scale;
  commitsPerRepo: number | Record<string, number> | undefined;
  pullsPerRepo: number | Record<string, number> | undefined;
  latencyMs: number;
  faultRate: number;
  rateLimit: number;
  graphql: boolean;
  graphqlRateLimit: number;
  graphqlTimeoutNodes: number;
  rateWindowS: number;
  primaryStatus: 403 | 429;
  contributorsDelayS: number;
  pointsPerMinute: number;
  searchLagS: number;
  activity: boolean;
  activityPerMinute: number;
  ciOnPush: boolean;
  startMs: number;
  clock: Clock;
  webhook: ResolvedWebhook | null;
  app: ResolvedApp;
  oauth: ResolvedOAuth;
}

/** The largest organization the emulator generates (10,000 tiny repositories: a few seconds). */
export const MAX_REPOS = 20_000;

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
    pullsPerRepo: options.pullsPerRepo,
    latencyMs: options.latencyMs ?? 0,
    faultRate: options.faultRate ?? 0,
    rateLimit: options.rateLimit ?? 5000,
    graphql: options.graphql ?? true,
    graphqlRateLimit: options.graphqlRateLimit ?? 5000,
    graphqlTimeoutNodes: options.graphqlTimeoutNodes ?? 50_000,
    rateWindowS: options.rateWindowS ?? 3600,
    primaryStatus: options.primaryStatus ?? 403,
    contributorsDelayS: options.contributorsDelayS ?? 3 * 3600,
    pointsPerMinute: options.pointsPerMinute ?? 0,
    searchLagS: options.searchLagS ?? 0,
    activity: options.activity ?? false,
    activityPerMinute: options.activityPerMinute ?? 30,
    ciOnPush: options.ciOnPush ?? options.activity ?? false,
    startMs: options.now ? options.now.getTime() : clock(),
    clock,
    webhook: options.webhook ? resolveWebhook(options.webhook) : null,
    app: resolveApp(options.app ?? {}),
    oauth: {
      clientId: options.oauth?.clientId ?? "ghsync-emulator-client",
      clientSecret: options.oauth?.clientSecret ?? "ghsync-emulator-secret",
      callbackUrl: options.oauth?.callbackUrl ?? null,
      defaultLogin: options.oauth?.defaultLogin ?? null,
    },
  };
  check(
    Number.isInteger(resolved.port) && resolved.port >= 0 && resolved.port < 65536,
    "port",
    resolved.port,
  );
  check(
    Number.isInteger(resolved.repos) && resolved.repos >= 1 && resolved.repos <= MAX_REPOS,
    "repos",
    resolved.repos,
  );
  check(resolved.scale in SCALES, "scale", resolved.scale);
  for (const name of ["commitsPerRepo", "pullsPerRepo"] as const) {
    const override = resolved[name];
    const counts = typeof override === "number" ? [override] : Object.values(override ?? {});
    check(
      counts.every((count) => Number.isInteger(count) && count >= 0),
      name,
      override,
    );
  }
  check(/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(resolved.org), "org", resolved.org);
  check(resolved.faultRate >= 0 && resolved.faultRate <= 1, "faultRate", resolved.faultRate);
  check(resolved.latencyMs >= 0, "latencyMs", resolved.latencyMs);
  check(Number.isInteger(resolved.rateLimit) && resolved.rateLimit >= 1, "rateLimit", resolved.rateLimit);
  check(resolved.rateWindowS > 0, "rateWindowS", resolved.rateWindowS);
  check([403, 429].includes(resolved.primaryStatus), "primaryStatus", resolved.primaryStatus);
  check(resolved.contributorsDelayS >= 0, "contributorsDelayS", resolved.contributorsDelayS);
  check(resolved.pointsPerMinute >= 0, "pointsPerMinute", resolved.pointsPerMinute);
  check(resolved.searchLagS >= 0, "searchLagS", resolved.searchLagS);
  check(
    resolved.activityPerMinute > 0 && resolved.activityPerMinute <= 60_000,
    "activityPerMinute",
    resolved.activityPerMinute,
  );
  check(Number.isFinite(resolved.startMs), "now", options.now);
  return resolved;
}

function resolveWebhook(options: WebhookOptions): ResolvedWebhook {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new RangeError(`emulator option webhook.url: invalid value ${JSON.stringify(options.url)}`);
  }
  check(url.protocol === "http:" || url.protocol === "https:", "webhook.url", options.url);
  const reorder =
    options.reorder === true
      ? DEFAULT_REORDER_WINDOW
      : options.reorder === false
        ? 1
        : (options.reorder ?? 1);
  const resolved: ResolvedWebhook = {
    url,
    secret: options.secret === undefined || options.secret === "" ? null : options.secret,
    dropRate: options.dropRate ?? 0,
    duplicateRate: options.duplicateRate ?? 0,
    reorder: reorder === 0 ? 1 : reorder,
    delayMs: options.delayMs ?? 0,
    badSignatureRate: options.badSignatureRate ?? 0,
    malformedRate: options.malformedRate ?? 0,
    concurrency: options.concurrency ?? 8,
    timeoutMs: options.timeoutMs ?? 10_000,
  };
  for (const name of ["dropRate", "duplicateRate", "badSignatureRate", "malformedRate"] as const) {
    const value = resolved[name];
    check(value >= 0 && value <= 1, `webhook.${name}`, value);
  }
  check(Number.isInteger(resolved.reorder) && resolved.reorder >= 1, "webhook.reorder", options.reorder);
  check(resolved.delayMs >= 0 && Number.isFinite(resolved.delayMs), "webhook.delayMs", resolved.delayMs);
  check(
    Number.isInteger(resolved.concurrency) && resolved.concurrency >= 1,
    "webhook.concurrency",
    resolved.concurrency,
  );
  check(
    resolved.timeoutMs > 0 && Number.isFinite(resolved.timeoutMs),
    "webhook.timeoutMs",
    resolved.timeoutMs,
  );
  check(
    resolved.secret !== null || resolved.badSignatureRate === 0,
    "webhook.badSignatureRate (needs a secret)",
    resolved.badSignatureRate,
  );
  return resolved;
}

function resolveApp(options: AppOptions): ResolvedApp {
  const resolved: ResolvedApp = {
    id: options.id ?? 1,
    slug: options.slug ?? "ghsync-emulator",
    privateKey: options.privateKey === undefined || options.privateKey === "" ? null : options.privateKey,
  };
  check(Number.isSafeInteger(resolved.id) && resolved.id >= 1, "app.id", resolved.id);
  check(/^[a-z0-9](?:[a-z0-9-]{0,32}[a-z0-9])?$/.test(resolved.slug), "app.slug", resolved.slug);
  return resolved;
}

function check(ok: boolean, name: string, value: unknown): void {
  if (!ok) throw new RangeError(`emulator option ${name}: invalid value ${JSON.stringify(value)}`);
}

/**
 * A repository's size asked by `commitsPerRepo` (commits on the default branch, merge commits of
 * merged PRs included) or `pullsPerRepo`, else the scale's.
 */
export function sizeOf(
  options: ResolvedOptions,
  what: "commitsPerRepo" | "pullsPerRepo",
  name: string,
  scaled: number,
): number {
  const override = options[what];
  if (typeof override === "number") return override;
  return override?.[name] ?? scaled;
}
