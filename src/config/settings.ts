/**
 * Settings are read from the environment once, validated, and passed down; nothing else reads
 * `process.env`. Names are part of the contract (DESIGN.md, "Settings").
 */
import path from "node:path";
import { z } from "zod";
import { ConfigError } from "../util/errors.js";

/** Which API collects pull requests: `auto` is GraphQL where the server answers it, else REST. */
export const API_CHOICES = ["rest", "graphql", "auto"] as const;
export type ApiChoice = (typeof API_CHOICES)[number];

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const list = optionalString.transform((value) =>
  value === undefined
    ? []
    : value
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== ""),
);

/** A whole number from the environment: unset or blank is undefined. */
const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, "must be a whole number")
      .transform(Number)
      .pipe(z.number().min(min).max(max))
      .optional(),
  );

/** A share of the credentials' hourly rate limit, as a percentage. */
const hourlyShare = optionalString.pipe(
  z
    .string()
    .regex(/^\d+(\.\d+)?%?$/, "must be a percentage of the hourly rate limit (10%, or 10)")
    .transform((value) => Number(value.replace("%", "")))
    .pipe(z.number().gt(0).max(100))
    .optional(),
);

/** A regular expression, matched case-insensitively; unset or blank is undefined. */
const pattern = optionalString.pipe(
  z
    .string()
    .transform((value, context) => {
      try {
        return new RegExp(value, "i");
      } catch (error) {
        context.addIssue({
          code: "custom",
          message: `must be a regular expression (${error instanceof Error ? error.message : String(error)})`,
        });
        return z.NEVER;
      }
    })
    .optional(),
);

/** What makes a DORA delivery failed (docs/dora.md, "Change failure rate"). */
export const DORA_INCIDENT_RULES = ["label", "failed_deployment"] as const;
export type DoraIncidentRule = (typeof DORA_INCIDENT_RULES)[number];

const incidentRules = list.pipe(
  z.array(z.enum(DORA_INCIDENT_RULES, "must be a comma list of label and failed_deployment")),
);

const envSchema = z.object({
  GITHUB_TOKEN: list,
  GITHUB_API_URL: optionalString.pipe(
    z
      .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL (https://api.github.com)" })
      .optional(),
  ),
  GITHUB_APP_ID: optionalString,
  GITHUB_APP_PRIVATE_KEY: optionalString,
  GITHUB_WEBHOOK_SECRET: list,
  GITHUB_OAUTH_CLIENT_ID: optionalString,
  GITHUB_OAUTH_CLIENT_SECRET: optionalString,
  GHSYNC_ADMINS: list,
  GHSYNC_OAUTH_SIGNUP: optionalString.pipe(
    z.enum(["0", "1", "true", "false"], "must be true or false").optional(),
  ),
  DATABASE_URL: optionalString.pipe(
    z
      .url({
        protocol: /^postgres(ql)?$/,
        error: "must be a postgres:// URL (postgres://user:password@host:5432/database)",
      })
      .optional(),
  ),
  GHSYNC_DATA_DIR: optionalString,
  GHSYNC_API_TOKEN: optionalString,
  GHSYNC_CRON_SECRET: optionalString,
  GHSYNC_SECRET_KEY: optionalString,
  GHSYNC_PREVIOUS_SECRET_KEY: optionalString,
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL (smtp://user:pass@host:port)")
      .optional(),
  ),
  GHSYNC_EMAIL_FROM: optionalString,
  GHSYNC_PUBLIC_URL: optionalString.pipe(
    z
      .url({
        protocol: /^https?$/,
        error: "must be the dashboard's http:// or https:// address (https://ghsync.example.com)",
      })
      .optional(),
  ),
  GHSYNC_ALLOW_PRIVATE_WEBHOOKS: optionalString,
  GHSYNC_NOTIFY_CRON: optionalString,
  GHSYNC_BOT_LOGINS: list,
  GHSYNC_RECONCILE_CRON: optionalString,
  GHSYNC_VERIFY_CRON: optionalString,
  GHSYNC_API: optionalString.pipe(z.enum(API_CHOICES, "must be rest, graphql or auto").optional()),
  GHSYNC_VERIFY_BUDGET: hourlyShare,
  GHSYNC_POLL_BUDGET: hourlyShare,
  GHSYNC_MAX_STALENESS_S: wholeNumber(60),
  GHSYNC_STALE_AFTER_S: wholeNumber(60),
  GHSYNC_REDELIVERY_CRON: optionalString,
  GHSYNC_SNAPSHOT_CRON: optionalString,
  GHSYNC_JOB_MAX_WAIT_S: wholeNumber(0),
  GHSYNC_METRICS_PUBLIC: optionalString,
  GHSYNC_TRUST_PROXY: optionalString,
  GHSYNC_MAX_CONNECTIONS_PER_IP: wholeNumber(0),
  GHSYNC_RECOVERY_INTERVAL_S: wholeNumber(1),
  GHSYNC_DB_POOL_SIZE: wholeNumber(4, 1_000),
  GHSYNC_GOALS_ROLLOVER_CRON: optionalString,
  GHSYNC_PUBLIC_RATE_LIMIT: wholeNumber(1),
  GHSYNC_TRACKING_FILE: optionalString,
  GHSYNC_DORA_PRODUCTION_ENV: pattern,
  GHSYNC_DORA_INCIDENTS: incidentRules,
  GHSYNC_DORA_INCIDENT_LABEL: pattern,
  GHSYNC_DORA_DEPLOY_WORKFLOW: pattern,
  PORT: wholeNumber(0, 65535),
  LOG_LEVEL: optionalString.pipe(
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  ),
});

export interface Settings {
  githubTokens: string[];
  githubApiUrl: string;
  /** Which API collects pull requests with their reviews and details (`--api` of `ghsync sync`). */
  api: ApiChoice;
  githubAppId: string | undefined;
  githubAppPrivateKey: string | undefined;
  webhookSecrets: string[];
  /**
   * "Sign in with GitHub" (GITHUB_OAUTH_CLIENT_ID + GITHUB_OAUTH_CLIENT_SECRET of an OAuth App);
   * undefined: only the pasted-token sign-in. Its pages follow GITHUB_API_URL (github/oauth.ts).
   */
  oauth: { clientId: string; clientSecret: string } | undefined;
  /** Logins that are admins (GHSYNC_ADMINS); empty: the first person to sign in is. */
  admins: string[];
  /** Whether a GitHub sign-in of someone without a people record creates one (default true). */
  oauthSignup: boolean;
  databaseUrl: string | undefined;
  /** PostgreSQL connections per process at most (default 20). */
  databasePoolSize: number | undefined;
  dataDir: string;
  apiToken: string | undefined;
  cronSecret: string | undefined;
  secretKey: string | undefined;
  /** The key being replaced, during a key change (util/secret-box.ts). */
  previousSecretKey: string | undefined;
  smtpUrl: string | undefined;
  /** The From of notification emails. */
  emailFrom: string;
  /** The dashboard's address as people reach it, for links in emails; none: emails carry no link. */
  publicUrl: string | undefined;
  /** Let outgoing webhooks, Slack and Discord targets reach loopback and private addresses. */
  allowPrivateWebhooks: boolean;
  /** Cron (UTC) of the notification dispatch sweep (retries, rows other processes wrote). */
  notifyCron: string;
  /** Logins counted as bots besides `[bot]` logins and accounts of type Bot (never in people's numbers). */
  botLogins: string[];
  /** Cron (UTC) of the reconciliation that catches what webhooks missed. */
  reconcileCron: string;
  /** Cron (UTC) of the verification of every tracked repository (deletions, transfers, drift). */
  verifyCron: string;
  /** The share (0–1] of the credentials' hourly points a verification spends an hour. */
  verifyBudgetShare: number;
  /** The share (0–1] of the credentials' hourly points the scheduler's polling spends an hour. */
  pollBudgetShare: number;
  /** A repository with a change waiting is synced after this long whatever the budget. */
  maxStalenessS: number;
  /** Opening the dashboard syncs the repositories not known current for this long (app/sync-stale.ts). */
  staleAfterS: number;
  /** Cron (UTC) of the sweep that redelivers the App's failed webhook deliveries. */
  redeliveryCron: string;
  /** Cron (UTC) of the job that closes ended goal periods (history) and starts the next ones. */
  goalRolloverCron: string;
  /** Requests per minute per client IP to the public profile (`/api/public/*`). */
  publicRateLimit: number;
  /** Cron (UTC) of the daily metric snapshots. */
  snapshotCron: string;
  /** Longest rate-limit wait a job does in place before handing itself back to the queue. */
  jobMaxWaitS: number | undefined;
  /** Seconds between sweeps that resume the jobs of dead workers. */
  recoveryIntervalS: number;
  /** Serve /metrics without authentication (a scraper inside a private network). */
  metricsPublic: boolean;
  /**
   * Which proxies' X-Forwarded-For to believe (Fastify's `trustProxy`): true for any, or a list of
   * addresses and CIDR ranges. Unset: none, and the client is the TCP peer.
   */
  trustProxy: boolean | string[];
  /**
   * Open connections allowed per client address (0: no cap). Default 128, or none behind a
   * trusted proxy, where every connection comes from the proxy and its own limits apply.
   */
  maxConnectionsPerIp: number;
  /**
   * The tracking file that `ghsync apply` reads and `serve` applies at start (default ./ghsync.yaml;
   * `explicit` when GHSYNC_TRACKING_FILE names it, and then it must exist).
   */
  trackingFile: { path: string; explicit: boolean };
  /** How DORA metrics read the delivery tables (docs/dora.md). */
  dora: DoraSettings;
  port: number | undefined;
  logLevel: string;
}

export interface DoraSettings {
  /** A deployment's environment that is production (GHSYNC_DORA_PRODUCTION_ENV). */
  productionEnv: RegExp;
  /** What makes a delivery failed: an incident issue, a failed deployment, or both. */
  incidents: { label: boolean; failedDeployment: boolean };
  /** An issue label that makes the issue an incident (GHSYNC_DORA_INCIDENT_LABEL). */
  incidentLabel: RegExp;
  /** The name of a workflow whose push runs on the default branch deliver (GHSYNC_DORA_DEPLOY_WORKFLOW). */
  deployWorkflow: RegExp;
}

/** The DORA settings when nothing is set. */
export const DEFAULT_DORA: DoraSettings = {
  productionEnv: /^prod(uction)?$/i,
  incidents: { label: true, failedDeployment: true },
  incidentLabel: /^incident$/i,
  deployWorkflow: /^(deploy|release)/i,
};

/** Parses settings from an environment; throws a ConfigError naming each bad variable. */
function trustProxyOf(value: string | undefined): boolean | string[] {
  if (value === undefined || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return true;
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function oauthOf(clientId: string | undefined, clientSecret: string | undefined): Settings["oauth"] {
  if (clientId === undefined && clientSecret === undefined) return undefined;
  if (clientId === undefined || clientSecret === undefined)
    throw new ConfigError(
      "invalid settings: GITHUB_OAUTH_CLIENT_ID and GITHUB_OAUTH_CLIENT_SECRET go together (both from the OAuth App's settings page)",
    );
  return { clientId, clientSecret };
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid settings: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  return {
    githubTokens: e.GITHUB_TOKEN,
    githubApiUrl: (e.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, ""),
    api: e.GHSYNC_API ?? "auto",
    githubAppId: e.GITHUB_APP_ID,
    githubAppPrivateKey: e.GITHUB_APP_PRIVATE_KEY,
    webhookSecrets: e.GITHUB_WEBHOOK_SECRET,
    oauth: oauthOf(e.GITHUB_OAUTH_CLIENT_ID, e.GITHUB_OAUTH_CLIENT_SECRET),
    admins: e.GHSYNC_ADMINS,
    // Off unless asked for: anyone with a GitHub account could otherwise make themselves a member.
    oauthSignup: e.GHSYNC_OAUTH_SIGNUP === "1" || e.GHSYNC_OAUTH_SIGNUP === "true",
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.GHSYNC_DB_POOL_SIZE,
    dataDir: path.resolve(e.GHSYNC_DATA_DIR ?? ".ghsync"),
    apiToken: e.GHSYNC_API_TOKEN,
    cronSecret: e.GHSYNC_CRON_SECRET,
    secretKey: e.GHSYNC_SECRET_KEY,
    previousSecretKey: e.GHSYNC_PREVIOUS_SECRET_KEY,
    smtpUrl: e.SMTP_URL,
    emailFrom: e.GHSYNC_EMAIL_FROM ?? "ghsync <ghsync@localhost>",
    publicUrl: e.GHSYNC_PUBLIC_URL?.replace(/\/+$/, ""),
    allowPrivateWebhooks:
      e.GHSYNC_ALLOW_PRIVATE_WEBHOOKS === "1" || e.GHSYNC_ALLOW_PRIVATE_WEBHOOKS === "true",
    notifyCron: e.GHSYNC_NOTIFY_CRON ?? "* * * * *",
    botLogins: e.GHSYNC_BOT_LOGINS,
    reconcileCron: e.GHSYNC_RECONCILE_CRON ?? "* * * * *",
    verifyCron: e.GHSYNC_VERIFY_CRON ?? "40 3 * * *",
    verifyBudgetShare: (e.GHSYNC_VERIFY_BUDGET ?? 10) / 100,
    pollBudgetShare: (e.GHSYNC_POLL_BUDGET ?? 20) / 100,
    maxStalenessS: e.GHSYNC_MAX_STALENESS_S ?? 6 * 3600,
    staleAfterS: e.GHSYNC_STALE_AFTER_S ?? 15 * 60,
    redeliveryCron: e.GHSYNC_REDELIVERY_CRON ?? "*/10 * * * *",
    goalRolloverCron: e.GHSYNC_GOALS_ROLLOVER_CRON ?? "*/15 * * * *",
    publicRateLimit: e.GHSYNC_PUBLIC_RATE_LIMIT ?? 60,
    snapshotCron: e.GHSYNC_SNAPSHOT_CRON ?? "15 0 * * *",
    jobMaxWaitS: e.GHSYNC_JOB_MAX_WAIT_S,
    recoveryIntervalS: e.GHSYNC_RECOVERY_INTERVAL_S ?? 10,
    metricsPublic: e.GHSYNC_METRICS_PUBLIC === "1" || e.GHSYNC_METRICS_PUBLIC === "true",
    trustProxy: trustProxyOf(e.GHSYNC_TRUST_PROXY),
    maxConnectionsPerIp:
      e.GHSYNC_MAX_CONNECTIONS_PER_IP ?? (trustProxyOf(e.GHSYNC_TRUST_PROXY) === false ? 128 : 0),
    trackingFile: {
      path: path.resolve(e.GHSYNC_TRACKING_FILE ?? "ghsync.yaml"),
      explicit: e.GHSYNC_TRACKING_FILE !== undefined,
    },
    dora: {
      productionEnv: e.GHSYNC_DORA_PRODUCTION_ENV ?? DEFAULT_DORA.productionEnv,
      incidents:
        e.GHSYNC_DORA_INCIDENTS.length === 0
          ? DEFAULT_DORA.incidents
          : {
              label: e.GHSYNC_DORA_INCIDENTS.includes("label"),
              failedDeployment: e.GHSYNC_DORA_INCIDENTS.includes("failed_deployment"),
            },
      incidentLabel: e.GHSYNC_DORA_INCIDENT_LABEL ?? DEFAULT_DORA.incidentLabel,
      deployWorkflow: e.GHSYNC_DORA_DEPLOY_WORKFLOW ?? DEFAULT_DORA.deployWorkflow,
    },
    port: e.PORT,
    logLevel: e.LOG_LEVEL ?? "info",
  };
}
