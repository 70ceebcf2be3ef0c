/**
 * One API request, in GitHub's order: credentials (401 for a revoked token), secondary limits
 * (concurrency, injected, per-minute), latency and injected faults, the primary rate limit (403 at
 * 0 remaining), the route, then the ETag (a matching If-None-Match → 304, which costs nothing).
 * Every answer carries x-ratelimit-*, x-github-request-id and GitHub's other headers.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiRequest, ApiResponse } from "./api-types.js";
import type { Faults } from "./faults.js";
import type { RateBucket, RateLimiter } from "./rate-limit.js";
import type { RequestOutcome, RequestStats } from "./request-stats.js";
import type { Route } from "./router.js";
import type { TokenRegistry } from "./tokens.js";
import type { Clock } from "./time.js";
import type { World } from "./world-types.js";
import { errorBody, notFound, ok } from "./api-types.js";
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
import { tokenFromHeader } from "./tokens.js";
import { Rng } from "./prng.js";
import { responseHeaders, secondaryLimit, primaryLimit } from "./api-responses.js";

export interface PipelineDeps {
  world: World;
  clockMs: Clock;
  limiter: RateLimiter;
  faults: Faults;
  stats: RequestStats;
  tokens: TokenRegistry;
  rateLimit: number;
}

type TopHandler = (req: ApiRequest, params: Record<string, string>) => ApiResponse;

const TOP: readonly Route<TopHandler>[] = [
  route("/user", (req) => getAuthenticatedUser(req)),
  route("/user/repos", (req) => listUserRepos(req)),
  route("/orgs/:org/repos", (req, p) => listOrgReposByLogin(req, p.org ?? "")),
  route("/organizations/:id/repos", (req, p) => listOrgReposById(req, p.id ?? "")),
];

const ANONYMOUS_LIMIT = 60;

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
    if (call.token && this.deps.tokens.isRevoked(call.token)) {
      const view = this.deps.limiter.bucket(`ip:${call.ip}`, ANONYMOUS_LIMIT, false);
      this.send(call, 401, rateHeaders(view), JSON.stringify(errorBody("Bad credentials", 401)), "free");
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
    };
  }

  private send(
    call: Call,
    status: number,
    headers: Record<string, string>,
    body: string,
    outcome: RequestOutcome,
  ) {
    this.deps.stats.record(call.key, call.path, outcome);
    const all: Record<string, string> = {
      ...responseHeaders(call.requestId, call.token !== null, this.deps.clockMs()),
      ...headers,
    };
    const bodyless = status === 304 || status === 204;
    if (!bodyless) all["content-length"] = String(Buffer.byteLength(body));
    call.res.writeHead(status, all);
    call.res.end(call.req.method === "HEAD" || bodyless ? undefined : body);
  }

  /** The caller's rate-limit window, without starting one. */
  private view(call: Call): RateBucket {
    return this.deps.limiter.bucket(call.bucketKey, call.limit, false);
  }

  private secondary(call: Call, status: 403 | 429, retryAfterS: number, bucket: RateBucket): void {
    const answer = secondaryLimit(status, retryAfterS, call.requestId);
    this.send(
      call,
      answer.status,
      { ...rateHeaders(bucket), ...answer.headers },
      answer.body,
      "rate_limited",
    );
  }

  /** Applies a queued or random fault; true when the request was answered (or dropped). */
  private injectFault(call: Call): boolean {
    const decision = this.deps.faults.next();
    if (decision.kind === "none") return false;
    if (decision.kind === "secondary") {
      this.secondary(call, decision.status, decision.retryAfterS, this.view(call));
    } else if (decision.status === "drop") {
      this.deps.stats.record(call.key, call.path, "fault");
      call.req.socket.destroy();
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
    const free = call.path === "/rate_limit";
    const bucket = free ? this.view(call) : deps.limiter.bucket(call.bucketKey, call.limit);
    if (!free && deps.limiter.exhausted(bucket)) {
      const viewer = call.token ? deps.tokens.userFor(call.token) : null;
      const body = primaryLimit(viewer?.id ?? null, call.ip, call.requestId, deps.clockMs());
      this.send(call, 403, rateHeaders(bucket), body, "rate_limited");
      return;
    }
    const perMinute = free ? null : this.perMinuteRetryAfter(call.key);
    if (perMinute !== null) {
      this.secondary(call, 403, perMinute, bucket);
      return;
    }
    const response = this.route(call.req.method ?? "GET", call.path, call.url, call.token, bucket);
    const body = response.body === null ? "" : JSON.stringify(response.body);
    const headers: Record<string, string> = { ...response.headers };
    if (response.status === 200) {
      headers.etag = etagOf(body);
      if (matchesIfNoneMatch(call.req.headers["if-none-match"], headers.etag)) {
        this.send(call, 304, { ...rateHeaders(bucket), etag: headers.etag }, "", "not_modified");
        return;
      }
    }
    if (!free) deps.limiter.consume(bucket);
    this.send(call, response.status, { ...rateHeaders(bucket), ...headers }, body, free ? "free" : "counted");
  }

  private route(
    method: string,
    path: string,
    url: URL,
    token: string | null,
    bucket: RateBucket,
  ): ApiResponse {
    if (method !== "GET" && method !== "HEAD") return notFound();
    const viewer = token ? this.deps.tokens.userFor(token) : null;
    const req: ApiRequest = {
      url,
      query: url.searchParams,
      ctx: renderContext(this.base, this.deps.world, viewer),
    };
    if (path === "/rate_limit") return ok(rateLimitOverview(bucket, this.deps.clockMs()));
    if (path === "/")
      return ok({
        current_user_url: `${this.base}/user`,
        repository_url: `${this.base}/repos/{owner}/{repo}`,
      });
    const repoResponse = handleRepoPath(req, path);
    if (repoResponse) return repoResponse;
    const found = match(TOP, path);
    return found ? found.handler(req, found.params) : notFound();
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
