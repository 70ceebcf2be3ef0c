/**
 * One API request, in GitHub's order: credentials (401 for a revoked token), secondary limits
 * (concurrency, injected, per-minute), latency and injected faults, the primary rate limit (403 at
 * 0 remaining), the route, then the ETag (a matching If-None-Match → 304, which costs nothing).
 * Every answer carries x-ratelimit-*, x-github-request-id and GitHub's other headers.
 *
 * Credentials: any token is accepted (tokens.ts) except installation tokens, which the GitHub App
 * minted: those expire (401), stop with their installation (401 deleted, 403 suspended) and see
 * only its repositories (404 elsewhere). /app/… routes want the App's JWT (401 otherwise).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiRequest, ApiResponse } from "./api-types.js";
import type { Faults, SecondaryForm } from "./faults.js";
import type { RateBucket, RateLimiter } from "./rate-limit.js";
import type { RequestOutcome, RequestStats } from "./request-stats.js";
import type { Route } from "./router.js";
import type { TokenRegistry } from "./tokens.js";
import type { Clock } from "./time.js";
import type { Account, RepoRecord, World } from "./world-types.js";
import type { GitHubApp, TokenGrant } from "./github-app.js";
import type { WebhookSender } from "./webhook-sender.js";
import { errorBody, notFound, ok } from "./api-types.js";
import { verifyAppJwt } from "./app-jwt.js";
import { readBody } from "./http-body.js";
import {
  handleAppPath,
  INSTALLATION_DOCS,
  INSTALLATION_ONLY,
  isAppPath,
  listInstallationRepositories,
  NOT_FOR_INTEGRATIONS,
} from "./routes-app.js";
import { etagOf, matchesIfNoneMatch } from "./etag.js";
import { rateHeaders, rateLimitOverview } from "./rate-limit.js";
import { renderContext } from "./render-context.js";
import { match, route } from "./router.js";
import {
  getAuthenticatedUser,
  listOrgReposById,
  listOrgReposByLogin,
  listUserRepos,
} from "./routes-account.js";
import { handleRepoPath } from "./routes-repository.js";
import { tokenFromHeader, userCanSee } from "./tokens.js";
import { Rng } from "./prng.js";
import { responseHeaders, secondaryLimit, primaryLimit } from "./api-responses.js";
import { isSupportedApiVersion, unsupportedApiVersion } from "./api-version.js";
import { lastModifiedOf, notModifiedSince } from "./last-modified.js";
import { answerGraphql } from "./graphql/execute.js";
import { searchIssues } from "./routes-search.js";
import {
  byIds,
  getTeam,
  getTeamMembership,
  listTeamMembers,
  listTeamRepos,
  listTeams,
} from "./routes-teams.js";

export interface PipelineDeps {
  world: World;
  clockMs: Clock;
  limiter: RateLimiter;
  faults: Faults;
  stats: RequestStats;
  tokens: TokenRegistry;
  rateLimit: number;
  /** GraphQL's budget per token and its timeout by nodes; null: no GraphQL (404). */
  graphql: { rateLimit: number; timeoutNodes: number } | null;
  app: GitHubApp;
  webhooks: WebhookSender | null;
}

/** GitHub's GraphQL endpoint, and GitHub Enterprise Server's beside its `/api/v3`. */
const GRAPHQL_PATHS = new Set(["/graphql", "/api/graphql"]);

type TopHandler = (req: ApiRequest, params: Record<string, string>) => ApiResponse;

const TOP: readonly Route<TopHandler>[] = [
  route("/user", (req) => getAuthenticatedUser(req)),
  route("/user/repos", (req) => listUserRepos(req)),
  route("/orgs/:org/repos", (req, p) => listOrgReposByLogin(req, p.org ?? "")),
  route("/organizations/:id/repos", (req, p) => listOrgReposById(req, p.id ?? "")),
  route("/orgs/:org/teams", listTeams),
  route("/orgs/:org/teams/:slug", getTeam),
  route("/orgs/:org/teams/:slug/members", listTeamMembers),
  route("/orgs/:org/teams/:slug/memberships/:login", getTeamMembership),
  route("/orgs/:org/teams/:slug/repos", listTeamRepos),
  route("/organizations/:id/teams", byIds(listTeams)),
  route("/organizations/:id/team/:team", byIds(getTeam)),
  route("/organizations/:id/team/:team/members", byIds(listTeamMembers)),
  route("/organizations/:id/team/:team/repos", byIds(listTeamRepos)),
];

const ANONYMOUS_LIMIT = 60;
/** Search has its own budget a minute: 30 requests with a token, 10 without (GitHub's). */
const SEARCH_PATH = "/search/issues";
const SEARCH_LIMITS = { token: 30, anonymous: 10, windowS: 60 };

const FAULT_MESSAGES: Readonly<Record<500 | 502 | 503 | 504, string>> = {
  500: "Server Error",
  502: "Server Error",
  503: "Service Unavailable",
  504:
    "We couldn't respond to your request in time. Sorry about that. " +
    "Please try resubmitting your request and contact us if the problem persists.",
};

/** One request on its way through the pipeline. */
interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  token: string | null;
  ip: string;
  /** Counter key: the token, or "anonymous". */
  key: string;
  path: string;
  requestId: string;
  bucketKey: string;
  limit: number;
  /** Request body of a POST (App routes), "" otherwise. */
  body: string;
  /** Set for an installation token. */
  grant: TokenGrant | null;
  /** An /app/… route with a valid JWT. */
  asApp: boolean;
}

export class ApiPipeline {
  base = "";
  private readonly inFlight = new Map<string, number>();
  private readonly minutes = new Map<string, { startMs: number; count: number }>();
  private readonly ids: Rng;

  constructor(private readonly deps: PipelineDeps) {
    this.ids = new Rng(`request-ids:${deps.world.seed}`);
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const call = this.call(req, res, url);
    if (req.method !== "GET" && req.method !== "HEAD") call.body = await readBody(req);
    if (call.token && this.deps.tokens.isRevoked(call.token)) {
      this.refuse(call, 401, "Bad credentials");
      return;
    }
    if (!this.authenticate(call)) return;
    const version = call.req.headers["x-github-api-version"];
    if (typeof version === "string" && !isSupportedApiVersion(version)) {
      this.send(call, 400, rateHeaders(this.view(call)), unsupportedApiVersion(version), "free");
      return;
    }
    const inFlight = (this.inFlight.get(call.key) ?? 0) + 1;
    this.inFlight.set(call.key, inFlight);
    res.once("close", () => this.inFlight.set(call.key, (this.inFlight.get(call.key) ?? 1) - 1));
    if (inFlight > this.deps.faults.concurrencyLimit) {
      this.secondary(call, 403, this.deps.faults.concurrencyRetryAfterS, this.view(call));
      return;
    }
    const latency = this.deps.faults.latencyMs;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (!this.injectFault(call)) this.serve(call);
  }

  private call(req: IncomingMessage, res: ServerResponse, url: URL): Call {
    const token = tokenFromHeader(req.headers.authorization);
    const ip = req.socket.remoteAddress ?? "127.0.0.1";
    return {
      req,
      res,
      url,
      token,
      ip,
      key: token ?? "anonymous",
      path: url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname,
      requestId: this.requestId(),
      bucketKey: token ? `token:${token}` : `ip:${ip}`,
      limit: token ? this.deps.rateLimit : ANONYMOUS_LIMIT,
      body: "",
      grant: null,
      asApp: false,
    };
  }

  /** A free 401/403 before anything else (rate-limit headers of the anonymous window). */
  private refuse(call: Call, status: 401 | 403, message: string, docs?: string): void {
    const view = this.deps.limiter.bucket(`ip:${call.ip}`, ANONYMOUS_LIMIT, false);
    this.send(call, status, rateHeaders(view), JSON.stringify(errorBody(message, status, docs)), "free");
  }

  /**
   * Installation tokens (expired or deleted: 401, suspended: 403) and the App's JWT on /app/…
   * routes; false when the request was answered. JWT requests share one window per App.
   */
  private authenticate(call: Call): boolean {
    const { app } = this.deps;
    const nowS = Math.floor(this.deps.clockMs() / 1000);
    const grant = call.token ? app.grant(call.token) : undefined;
    if (grant) {
      if (grant.installation.deleted || grant.expiresAt <= nowS) {
        this.refuse(call, 401, "Bad credentials");
        return false;
      }
      if (grant.installation.suspendedAt !== null) {
        this.refuse(call, 403, "This installation has been suspended");
        return false;
      }
      call.grant = grant;
    }
    if (!isAppPath(call.path)) return true;
    if (!call.token) {
      this.refuse(call, 401, "Requires authentication", "https://docs.github.com/rest/apps/apps");
      return false;
    }
    const check = verifyAppJwt(call.grant ? null : call.token, app, nowS);
    if (!check.ok) {
      this.refuse(call, 401, check.message);
      return false;
    }
    call.asApp = true;
    call.grant = null;
    call.key = `app:${app.id}`;
    call.bucketKey = `app:${app.id}`;
    return true;
  }

  private send(
    call: Call,
    status: number,
    headers: Record<string, string>,
    body: string,
    outcome: RequestOutcome,
    graphql?: { points: number; operation?: string },
  ) {
    this.deps.stats.record(call.key, call.path, outcome, graphql);
    const oauth = call.token !== null && call.grant === null && !call.asApp;
    const all: Record<string, string> = {
      ...responseHeaders(call.requestId, call.token !== null, this.deps.clockMs(), oauth),
      ...headers,
    };
    // GitHub sends Cache-Control on what can be cached (200, 304), not on errors and redirects.
    if (status >= 300 && status !== 304) delete all["cache-control"];
    const bodyless = status === 304 || status === 204;
    if (!bodyless) all["content-length"] = String(Buffer.byteLength(body));
    call.res.writeHead(status, all);
    call.res.end(call.req.method === "HEAD" || bodyless ? undefined : body);
  }

  /** The caller's rate-limit window, without starting one. */
  private view(call: Call): RateBucket {
    return this.deps.limiter.bucket(call.bucketKey, call.limit, false);
  }

  /**
   * A secondary limit in one of GitHub's forms: with `retry-after`; with none but remaining 0 and
   * the reset `retryAfterS` ahead ("reset"); or with neither ("none": wait at least a minute).
   */
  private secondary(
    call: Call,
    status: 403 | 429,
    retryAfterS: number,
    bucket: RateBucket,
    form: SecondaryForm = "retry-after",
    resource = "core",
  ): void {
    const answer = secondaryLimit(status, form === "retry-after" ? retryAfterS : null, call.requestId);
    const limits = rateHeaders(bucket, resource);
    if (form === "reset") {
      limits["x-ratelimit-remaining"] = "0";
      limits["x-ratelimit-reset"] = String(Math.ceil(this.deps.clockMs() / 1000 + retryAfterS));
    }
    this.send(call, answer.status, { ...limits, ...answer.headers }, answer.body, "rate_limited");
  }

  /** Applies a queued or random fault; true when the request was answered (or dropped). */
  private injectFault(call: Call): boolean {
    const decision = this.deps.faults.next();
    if (decision.kind === "none") return false;
    if (decision.kind === "secondary") {
      this.secondary(call, decision.status, decision.retryAfterS, this.view(call), decision.form);
    } else if (decision.status === "drop") {
      this.deps.stats.record(call.key, call.path, "fault");
      call.req.socket.destroy();
    } else if (decision.status === "malformed") {
      this.send(call, 200, {}, "[{}]", "fault");
    } else {
      this.send(
        call,
        decision.status,
        {},
        JSON.stringify({ message: FAULT_MESSAGES[decision.status] }),
        "fault",
      );
    }
    return true;
  }

  /** Primary limit, per-minute limit, the route, then ETag/304 and accounting. */
  private serve(call: Call): void {
    const { deps } = this;
    if (GRAPHQL_PATHS.has(call.path)) {
      this.serveGraphql(call);
      return;
    }
    const free = call.path === "/rate_limit";
    const search = call.path === SEARCH_PATH;
    const resource = search ? "search" : "core";
    const bucket = free
      ? this.view(call)
      : search
        ? this.searchBucket(call)
        : deps.limiter.bucket(call.bucketKey, call.limit);
    if (!free && deps.limiter.exhausted(bucket)) {
      const subject = call.grant
        ? { installation: call.grant.installation.id }
        : call.token
          ? { user: call.asApp ? deps.app.bot.id : deps.tokens.userFor(call.token).id }
          : null;
      const status = deps.faults.primaryStatus;
      const body = primaryLimit(status, subject, call.ip, call.requestId, deps.clockMs());
      this.send(call, status, rateHeaders(bucket, resource), body, "rate_limited");
      return;
    }
    const perMinute = free ? null : this.perMinuteRetryAfter(call.key);
    if (perMinute !== null) {
      this.secondary(call, 403, perMinute, bucket, "retry-after", resource);
      return;
    }
    const response = this.route(call, bucket);
    const body = response.body === null ? "" : JSON.stringify(response.body);
    const headers: Record<string, string> = { ...response.headers };
    if (response.status === 200) {
      headers.etag = etagOf(body);
      const lastModified = lastModifiedOf(response.body);
      if (lastModified) headers["last-modified"] = lastModified;
      if (this.unchanged(call, headers.etag, lastModified)) {
        // A 304 is free only "while correctly authorized with an Authorization header" (best practices).
        if (!free && !call.token) deps.limiter.consume(bucket);
        const validators = { etag: headers.etag, ...(lastModified ? { "last-modified": lastModified } : {}) };
        this.send(call, 304, { ...rateHeaders(bucket, resource), ...validators }, "", "not_modified");
        return;
      }
    }
    if (!free) deps.limiter.consume(bucket);
    const limits = rateHeaders(bucket, resource);
    const outcome = free ? "free" : search ? "search" : "counted";
    this.send(call, response.status, { ...limits, ...headers }, body, outcome);
  }

  /** If-None-Match when sent, else If-Modified-Since against the resource's Last-Modified. */
  private unchanged(call: Call, etag: string, lastModified: string | undefined): boolean {
    const { headers } = call.req;
    if (headers["if-none-match"] !== undefined) return matchesIfNoneMatch(headers["if-none-match"], etag);
    return lastModified !== undefined && notModifiedSince(headers["if-modified-since"], lastModified);
  }

  private route(call: Call, bucket: RateBucket): ApiResponse {
    const { deps } = this;
    const { path, url, token, grant } = call;
    const method = call.req.method ?? "GET";
    // An installation token authenticates as the App's bot, limited to its repositories.
    const viewer = grant ? deps.app.bot : token ? deps.tokens.userFor(token) : null;
    const req: ApiRequest = {
      url,
      query: url.searchParams,
      ctx: renderContext(this.base, deps.world, viewer),
      ...(viewer ? { canSee: this.canSee(grant, viewer) } : {}),
    };
    if (call.asApp) {
      const nowS = Math.floor(deps.clockMs() / 1000);
      return handleAppPath(req, method, path, call.body, { app: deps.app, webhooks: deps.webhooks, nowS });
    }
    if (method !== "GET" && method !== "HEAD") return notFound();
    if (path === "/rate_limit") {
      const buckets = {
        core: bucket,
        search: this.searchBucket(call, false),
        graphql: this.graphqlBucket(call, false),
      };
      return ok(rateLimitOverview(buckets, deps.clockMs()));
    }
    if (path === SEARCH_PATH) return searchIssues(req);
    if (path === "/")
      return ok({
        current_user_url: `${this.base}/user`,
        repository_url: `${this.base}/repos/{owner}/{repo}`,
      });
    if (path === "/installation/repositories") {
      if (grant) return listInstallationRepositories(req, deps.app, grant);
      const status = token ? 403 : 401;
      const message = token ? INSTALLATION_ONLY : "Requires authentication";
      return { status, body: errorBody(message, status, INSTALLATION_DOCS) };
    }
    if (grant && (path === "/user" || path === "/user/repos"))
      return { status: 403, body: errorBody(NOT_FOR_INTEGRATIONS, 403) };
    const repoResponse = handleRepoPath(req, path);
    if (repoResponse) return repoResponse;
    const found = match(TOP, path);
    return found ? found.handler(req, found.params) : notFound();
  }

  /** An installation token sees its installation's repositories; a person's token what they may read. */
  private canSee(grant: TokenGrant | null, viewer: Account): (repo: RepoRecord) => boolean {
    const { app, world } = this.deps;
    return grant ? (repo) => app.canSee(grant, repo) : (repo) => userCanSee(world, viewer, repo);
  }

  /** The caller's search window: a minute, its own budget. */
  private searchBucket(call: Call, start = true): RateBucket {
    const limit = call.token ? SEARCH_LIMITS.token : SEARCH_LIMITS.anonymous;
    return this.deps.limiter.bucket(`search:${call.bucketKey}`, limit, start, SEARCH_LIMITS.windowS);
  }

  /** The caller's GraphQL window (its own budget, apart from REST's). */
  private graphqlBucket(call: Call, start = true): RateBucket {
    const limit = this.deps.graphql?.rateLimit ?? 0;
    return this.deps.limiter.bucket(`graphql:${call.token ?? `ip:${call.ip}`}`, limit, start);
  }

  /**
   * POST /graphql: authentication required, its own budget charged by the query's cost, the
   * per-minute secondary limit shared with REST (graphql/execute.ts answers the query itself).
   */
  private serveGraphql(call: Call): void {
    const { deps } = this;
    const settings = deps.graphql;
    if (!settings || call.req.method !== "POST") {
      // Like any unknown REST path: a 404 that costs a core point.
      const bucket = deps.limiter.bucket(call.bucketKey, call.limit);
      deps.limiter.consume(bucket);
      this.send(call, 404, rateHeaders(bucket), JSON.stringify(errorBody("Not Found", 404)), "counted");
      return;
    }
    if (!call.token) {
      this.refuse(
        call,
        401,
        "This endpoint requires you to be authenticated.",
        "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql",
      );
      return;
    }
    const bucket = this.graphqlBucket(call);
    const perMinute = this.perMinuteRetryAfter(call.key);
    if (perMinute !== null) {
      this.secondary(call, 403, perMinute, bucket, "retry-after", "graphql");
      return;
    }
    const grant = call.grant;
    const viewer = grant ? deps.app.bot : deps.tokens.userFor(call.token);
    const answer = answerGraphql({
      body: call.body,
      scope: {
        ctx: renderContext(this.base, deps.world, viewer),
        canSee: this.canSee(grant, viewer),
      },
      budget: {
        limit: bucket.limit,
        used: () => bucket.used,
        resetAt: () => new Date(Math.ceil(bucket.resetMs / 1000) * 1000).toISOString().replace(".000Z", "Z"),
        charge: (points) => deps.limiter.consume(bucket, points),
      },
      timeoutNodes: settings.timeoutNodes,
      requestId: call.requestId,
      subjectId: viewer.id,
    });
    // GitHub's 502 for a query it gave up on comes from in front of the API: no budget headers.
    const headers = answer.outcome === "fault" ? {} : rateHeaders(bucket, "graphql");
    if (answer.outcome === "rate_limited") headers["x-ratelimit-remaining"] = "0";
    const graphql = { points: answer.charged, ...(answer.operation ? { operation: answer.operation } : {}) };
    this.send(call, answer.status, headers, JSON.stringify(answer.body), answer.outcome, graphql);
  }

  /** Seconds to wait when the per-minute secondary limit is hit, else null. */
  private perMinuteRetryAfter(key: string): number | null {
    const limit = this.deps.faults.pointsPerMinute;
    if (limit <= 0) return null;
    const now = this.deps.clockMs();
    let window = this.minutes.get(key);
    if (!window || now - window.startMs >= 60_000) {
      window = { startMs: now, count: 0 };
      this.minutes.set(key, window);
    }
    window.count++;
    return window.count > limit ? Math.max(1, Math.ceil((window.startMs + 60_000 - now) / 1000)) : null;
  }

  /** GitHub-style request id, e.g. "C3B0:2E5F:1A2B3C4:1B2C3D4:65A1B2C3". */
  private requestId(): string {
    const hex = (length: number) => this.ids.hex(length).toUpperCase();
    return `${hex(4)}:${hex(4)}:${hex(7)}:${hex(7)}:${hex(8)}`;
  }
}
