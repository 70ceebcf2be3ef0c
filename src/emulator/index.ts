/**
 * ghsync's GitHub REST API emulator: deterministic data, GitHub's pagination, ETags, rate limits,
 * redirects and faults, plus an admin API to change the world. See README.md in this folder.
 */
import type { EmulatorOptions } from "./options.js";
import { EmulatorAdmin } from "./admin.js";
import { startActivity } from "./activity.js";
import { ApiPipeline } from "./api-pipeline.js";
import { Faults } from "./faults.js";
import { generateWorld } from "./generate-world.js";
import { GitHubApp } from "./github-app.js";
import { resolveOptions } from "./options.js";
import { OAuthFlow } from "./oauth.js";
import { rngFor } from "./prng.js";
import { RateLimiter } from "./rate-limit.js";
import { RequestStats } from "./request-stats.js";
import { closeServer, createEmulatorServer, listen } from "./server.js";
import { TokenRegistry } from "./tokens.js";
import { WebhookSender } from "./webhook-sender.js";

export type { AppOptions, EmulatorOptions, OAuthOptions, Scale, WebhookOptions } from "./options.js";
export type { EmulatorAdmin } from "./admin.js";
export type {
  AppInfo,
  EmulatorChange,
  EmulatorStats,
  InstallationSpec,
  InstallationToken,
  PushChange,
  RepoRef,
  TruthInstallation,
} from "./admin-types.js";
export type { DeliveryKind, WebhookDelivery, WebhookStats } from "./webhook-sender.js";
export type {
  CommitSpec,
  ForcePushSpec,
  PullSpec,
  PullPatch,
  ReviewSpec,
  IssueSpec,
  IssuePatch,
  CommentSpec,
} from "./admin-types.js";
export type { FaultSettings, FaultUpdate, FaultStatus } from "./faults.js";
export type { TokenStats } from "./request-stats.js";
export type { EditRepository } from "./mutate-repository.js";
export type { ReviewState } from "./world-types.js";
export type {
  TruthComment,
  TruthCommit,
  TruthContributor,
  TruthCounts,
  TruthIssue,
  TruthPull,
  TruthRepository,
  TruthReview,
} from "./truth-types.js";
export type {
  DeliveryRecords,
  TruthDeliveryCounts,
  TruthDeployment,
  TruthDeploymentStatus,
  TruthJob,
  TruthRelease,
  TruthReviewComment,
  TruthTeam,
  TruthWorkflowRun,
} from "./truth-delivery.js";
export type {
  DeploymentRecord,
  DeploymentStatusRecord,
  JobRecord,
  ReleaseRecord,
  ReviewCommentRecord,
  TeamRecord,
  WorkflowRecord,
  WorkflowRunRecord,
} from "./world-types.js";
export { EmulatorError } from "./errors.js";

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:3901 — use as GITHUB_API_URL / Octokit baseUrl. */
  url: string;
  port: number;
  admin: EmulatorAdmin;
  close(): Promise<void>;
}

/** Generates the world and starts serving it. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const wallAtStart = resolved.clock();
  const clockMs = () => resolved.startMs + (resolved.clock() - wallAtStart);
  const world = generateWorld(resolved, () => Math.floor(clockMs() / 1000));
  const faults = new Faults(
    {
      latencyMs: resolved.latencyMs,
      faultRate: resolved.faultRate,
      pointsPerMinute: resolved.pointsPerMinute,
      primaryStatus: resolved.primaryStatus,
    },
    rngFor(resolved.seed, "faults"),
  );
  const stats = new RequestStats();
  const tokens = new TokenRegistry(world);
  const app = new GitHubApp(world, resolved.app, Math.floor(resolved.startMs / 1000));
  const webhooks = resolved.webhook ? new WebhookSender(world, resolved.webhook, app) : null;
  const admin = new EmulatorAdmin(world, { stats, faults, tokens, webhooks, app });
  const limiter = new RateLimiter(clockMs, resolved.rateWindowS);
  const api = new ApiPipeline({
    world,
    clockMs,
    limiter,
    faults,
    stats,
    tokens,
    rateLimit: resolved.rateLimit,
    graphql: resolved.graphql
      ? { rateLimit: resolved.graphqlRateLimit, timeoutNodes: resolved.graphqlTimeoutNodes }
      : null,
    app,
    webhooks,
  });
  const oauth = new OAuthFlow(world, resolved.oauth, tokens, clockMs);
  const server = createEmulatorServer(admin, api, oauth);
  const port = await listen(server, resolved.port, resolved.host);
  const host = ["0.0.0.0", "::", ""].includes(resolved.host) ? "127.0.0.1" : resolved.host;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  api.base = url;
  if (webhooks) webhooks.base = url;
  const stopActivity = resolved.activity
    ? startActivity(admin, rngFor(resolved.seed, "activity"), 60_000 / resolved.activityPerMinute)
    : () => undefined;
  return {
    url,
    port,
    admin,
    close: async () => {
      stopActivity();
      await webhooks?.close();
      await closeServer(server);
    },
  };
}
