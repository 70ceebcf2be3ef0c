/**
 * The one way ghsync talks to GitHub (DESIGN.md, principle 5). One Octokit with the throttling
 * and retry plugins (lists are walked by sync/walk-list.ts, not a paginate plugin); an outer
 * request hook picks the credential with the most budget of the resource asked (REST `core` or
 * `graphql`), records `x-ratelimit-*` in the ledger, and moves work off a rejected token. Every
 * network request is counted by the fetch adapter; points are what GitHub charged (points.ts for
 * REST, the query's `rateLimit { cost }` for GraphQL).
 */
import { Octokit } from "@octokit/core";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { RequestError } from "@octokit/request-error";
import { systemClock, type Clock } from "../util/clock.js";
import { GhsyncError, InterruptedError, RateLimitWaitError, isGhsyncError } from "../util/errors.js";
import type { Logger } from "../util/logger.js";
import type { CredentialPool, Credential, Budget, RateResource } from "./credential-pool.js";
import { notJsonError, toGitHubError } from "./github-error.js";
import {
  graphqlUrlOf,
  hasRateLimitedError,
  type GraphqlError,
  type GraphqlSupport,
} from "./graphql-endpoint.js";
import { restPointsOf } from "./points.js";
import { resourceOf } from "./rate-resource.js";
import { UNSPACED, WriteSpacing } from "./write-spacing.js";
import type { ApiChoice } from "../config/settings.js";
import { parseLinkHeader } from "./link-header.js";
import { budgetFromHeaders, type ResponseHeaders } from "./rate-limit-headers.js";
import { withRetryAfterFromReset } from "./retry-after.js";
import { failFastWhenUnreachable } from "./unreachable.js";

// Plugins applied first sit closest to the request: a failed connection is settled before the
// retry plugin would treat it as a 5xx (unreachable.ts).
const GitHubOctokit = Octokit.plugin(failFastWhenUnreachable, throttling, retry);

export interface RequestCounters {
  requests: number;
  notModified: number;
  pointsUsed: number;
}

export interface GitHubClientOptions {
  baseUrl: string;
  pool: CredentialPool;
  log: Logger;
  /** Persists the ledger (rate_limits); called after every response that carries rate-limit headers. */
  onBudget?: (credential: Credential, resource: string, budget: Budget) => void;
  /** Told when every credential rests until a reset: jobs show it as `waiting`. */
  onWait?: (until: Date, reason: string) => void;
  /** Told when a credential is rejected (to mark it invalid in the database). */
  onRejected?: (credential: Credential, message: string) => void | Promise<void>;
  fetch?: typeof fetch;
  /** Rate-limit waits and back-offs read and spend time here (default: the real clock). */
  clock?: Clock;
  /** Stops the work at the next request (a job's shutdown): requests then throw InterruptedError. */
  signal?: AbortSignal;
  /**
   * Longest wait for a rate-limit reset done in place; a longer one throws RateLimitWaitError so a
   * job can free its worker and come back at the reset. Unset: always wait (the CLI).
   */
  maxWaitMs?: number;
  /** Base of retry back-off in ms (retry plugin: 1, 4, 9… × base); tests shrink it. */
  retryBaseMs?: number;
  maxConcurrent?: number;
  timeoutMs?: number;
  userAgent?: string;
  /** Which API collects pull requests (default `auto`). */
  api?: ApiChoice;
  /** Whether the server answers GraphQL; pass one object to every client of a process. */
  graphqlSupport?: GraphqlSupport;
  /** Spaces mutating requests a second apart; pass one to every client of a process. */
  writeSpacing?: WriteSpacing;
}

/** A GraphQL answer: `data` (null when nothing could be answered) and GitHub's `errors`. */
export interface GraphqlResult<T> {
  data: T | null;
  errors: GraphqlError[];
}

export interface GitHubPage<T> {
  status: 200 | 304;
  /** Undefined on 304: the mirror already holds what the URL answered. */
  data: T | undefined;
  url: string;
  next: string | undefined;
  last: string | undefined;
  etag: string | undefined;
  /** GitHub's clock when it answered (the `Date` header), when it sent one. */
  date: Date | undefined;
}

function dateOf(headers: { date?: string | undefined } | undefined): Date | undefined {
  const at = headers?.date ? Date.parse(headers.date) : Number.NaN;
  return Number.isNaN(at) ? undefined : new Date(at);
}

/**
 * The reset time of a primary rate-limit refusal: REST's 403/429 with `x-ratelimit-remaining: 0`,
 * or GraphQL's 200 with a RATE_LIMITED error (the throttling plugin throws it as an error).
 */
function exhaustedUntil(
  error: { status?: number; response?: { headers?: unknown; data?: unknown } },
  now: number,
): Date | undefined {
  const headers = (error.response?.headers ?? {}) as ResponseHeaders;
  const restLimit =
    (error.status === 403 || error.status === 429) && String(headers["x-ratelimit-remaining"]) === "0";
  if (!restLimit && !hasRateLimitedError(error.response?.data)) return undefined;
  const reset = Number(headers["x-ratelimit-reset"]);
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1_000) : new Date(now + 60_000);
}

export class GitHubClient {
  readonly counters: RequestCounters = { requests: 0, notModified: 0, pointsUsed: 0 };
  private readonly octokit: InstanceType<typeof GitHubOctokit>;
  private readonly clock: Clock;
  private readonly graphqlSupport: GraphqlSupport;
  private readonly graphqlUrl: string;
  private readonly writeSpacing: WriteSpacing;
  /** The end of the last rate-limit wait logged: requests waiting together log it once. */
  private loggedWaitUntil = 0;

  constructor(private readonly options: GitHubClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.writeSpacing = options.writeSpacing ?? new WriteSpacing(this.clock);
    this.graphqlSupport = options.graphqlSupport ?? {};
    this.graphqlUrl = graphqlUrlOf(options.baseUrl);
    const retryBase = options.retryBaseMs ?? 1_000;
    this.octokit = new GitHubOctokit({
      baseUrl: options.baseUrl,
      userAgent: options.userAgent ?? "ghsync",
      log: {
        debug: () => undefined,
        info: () => undefined,
        warn: (message: string) => options.log.warn(message),
        error: (message: string) => options.log.error(message),
      },
      request: { fetch: this.countingFetch(options.fetch ?? fetch, options.timeoutMs ?? 30_000) },
      unreachable: { clock: this.clock },
      // 429 is a rate limit (primary or secondary) that the throttling plugin waits out; the retry
      // plugin's default would also retry it after 1, 4, 9… s, ignoring the reset it names.
      retry: {
        retries: 5,
        retryAfterBaseValue: retryBase,
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      },
      throttle: {
        id: `ghsync-${Math.random().toString(36).slice(2)}`,
        // GitHub's waits are in seconds and must be honoured as given (never shortened, even in tests).
        retryAfterBaseValue: 1_000,
        // A secondary limit with neither retry-after nor a reset: "wait for at least one minute".
        fallbackSecondaryRateRetryAfter: 60,
        // GraphQL queries side by side; writes are spaced by `post` (write-spacing.ts).
        write: UNSPACED,
        onRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _o: unknown,
          count: number,
        ) => {
          // Too long to wait in place for a job: the request fails and the hook turns it into a wait.
          if (options.maxWaitMs !== undefined && retryAfter * 1_000 > options.maxWaitMs) return false;
          const until = new Date(this.clock.now() + retryAfter * 1_000);
          this.logWait(
            until,
            { url: request.url, retryAfter },
            "primary rate limit reached; waiting for the reset",
          );
          options.onWait?.(until, "rate limit exhausted");
          return count < 5;
        },
        onSecondaryRateLimit: async (
          retryAfter: number,
          request: { url: string },
          _o: unknown,
          count: number,
        ) => {
          options.log.warn(
            { url: request.url, retryAfter, attempt: count + 1 },
            "secondary rate limit; backing off",
          );
          // The plugin waits `retryAfter`; add exponential back-off on repeats (GitHub's guidance).
          if (count > 0) await this.clock.sleep(retryAfter * 1_000 * (2 ** count - 1));
          return count < 6;
        },
      },
    });
    this.octokit.hook.wrap("request", async (request, requestOptions) => {
      const resource = resourceOf(requestOptions.url, this.graphqlUrl);
      for (;;) {
        const credential = await this.acquire(resource);
        const token = await this.tokenOf(credential);
        // Bearer works for every kind: personal tokens, installation tokens and the App JWT.
        requestOptions.headers.authorization = `Bearer ${token}`;
        // Requests in flight count against the budget until their response reports.
        this.options.pool.reserve(credential, resource);
        try {
          const response = await request(requestOptions);
          this.recordBudget(credential, response.headers as ResponseHeaders);
          return response;
        } catch (error) {
          const answered = (error as { response?: { headers?: unknown } }).response;
          if (answered?.headers) this.recordBudget(credential, answered.headers as ResponseHeaders);
          const exhausted = answered ? exhaustedUntil(error as RequestError, this.clock.now()) : undefined;
          if (exhausted && options.maxWaitMs !== undefined) {
            throw new RateLimitWaitError(
              exhausted,
              `${credential.label} has no ${resource} rate limit left until ${exhausted.toISOString()}`,
            );
          }
          if (error instanceof RequestError && error.response) {
            if (error.status === 401) {
              const message = options.pool.reject(credential, 401);
              if (options.onRejected) await options.onRejected(credential, message);
              else options.log.warn(message);
              continue;
            }
          }
          throw error;
        } finally {
          this.options.pool.release(credential, resource);
        }
      }
    });
  }

  /** One GET. `etag`: send `If-None-Match`; a 304 comes back as `status: 304` with no data. */
  async get<T>(url: string, etag?: string): Promise<GitHubPage<T>> {
    try {
      const response = await this.octokit.request({
        method: "GET",
        url,
        headers: etag ? { "if-none-match": etag } : {},
        // Octokit's own parser is a bigint-safe JSON reader several times slower than JSON.parse;
        // every GitHub id fits in 2^53, so the body is parsed here.
        request: { parseSuccessResponseBody: false },
      });
      const text = response.data ? await new Response(response.data as ReadableStream).text() : "";
      const links = parseLinkHeader(response.headers.link);
      return {
        status: 200,
        data: (text === "" ? undefined : parseJson(text, url)) as T | undefined,
        url: response.url,
        next: links.next,
        last: links.last,
        etag: response.headers.etag,
        date: dateOf(response.headers),
      };
    } catch (error) {
      if (error instanceof RequestError && error.status === 304) {
        const date = dateOf(error.response?.headers);
        return { status: 304, data: undefined, url, next: undefined, last: undefined, etag, date };
      }
      throw toGitHubError(error, url);
    }
  }

  get api(): ApiChoice {
    return this.options.api ?? "auto";
  }

  /**
   * Whether pull requests are collected with GraphQL: asked for, or `auto` and not found missing
   * on this server. No probe is sent (a run with nothing to do must cost nothing): the first
   * query tells, and a collector that meets `graphql_unavailable` with `auto` falls back to REST.
   */
  get usesGraphql(): boolean {
    return this.api === "graphql" || (this.api === "auto" && this.graphqlSupport.available !== false);
  }

  /**
   * One GraphQL query. Its cost is read from the answer's `rateLimit { cost }`, which every query
   * ghsync sends asks for. Not retried here (a 502 is GitHub giving up on a query too heavy for
   * its 10 s: the caller asks again for less). A RATE_LIMITED answer the throttling plugin does
   * not recognise (Enterprise's `/api/graphql`) rests the credential's graphql budget, and the
   * query waits for the reset like any request. A server without GraphQL (404) is remembered:
   * with `--api auto` the caller falls back to REST.
   */
  async graphql<T>(query: string, variables: Record<string, unknown>): Promise<GraphqlResult<T>> {
    const url = this.graphqlUrl;
    for (;;) {
      let body: { data?: T | null; errors?: GraphqlError[] };
      let remaining: string;
      try {
        const response = await this.octokit.request({
          method: "POST",
          url,
          data: { query, variables },
          request: { retries: 0 },
        });
        body = response.data as typeof body;
        remaining = String(response.headers["x-ratelimit-remaining"]);
      } catch (error) {
        if (error instanceof RequestError && error.status === 404) throw this.graphqlMissing(url);
        throw toGitHubError(error, url);
      }
      this.graphqlSupport.available = true;
      if (hasRateLimitedError(body)) {
        // The reading rested the credential's graphql budget: the next attempt waits for its reset.
        if (remaining === "0") continue;
        throw new GhsyncError("rate_limited", `GitHub's GraphQL rate limit refused ${url}`, {
          status: 503,
          retryable: true,
        });
      }
      const cost = (body.data as { rateLimit?: { cost?: unknown } } | null | undefined)?.rateLimit?.cost;
      if (typeof cost === "number") this.counters.pointsUsed += cost;
      return { data: body.data ?? null, errors: body.errors ?? [] };
    }
  }

  /** The pause before attempt `attempt` (1, 2…) of a request the caller retries itself: 1, 4, 9… × base. */
  backOff(attempt: number): Promise<void> {
    return this.clock.sleep((this.options.retryBaseMs ?? 1_000) * attempt ** 2);
  }

  private graphqlMissing(url: string): GhsyncError {
    const first = this.graphqlSupport.available === undefined;
    this.graphqlSupport.available = false;
    if (first && this.api === "auto")
      this.options.log.warn({ url }, "this GitHub server has no GraphQL API; collecting with REST");
    return new GhsyncError(
      "graphql_unavailable",
      `GitHub has no GraphQL API at ${url} (404)${this.api === "graphql" ? ": use --api rest or auto" : ""}`,
      { status: 502 },
    );
  }

  /** One POST with a JSON body (e.g. asking GitHub to redeliver a webhook); returns the status. */
  async post(url: string, body: Record<string, unknown> = {}): Promise<number> {
    return this.writeSpacing.run(async () => {
      try {
        const response = await this.octokit.request({ method: "POST", url, data: body });
        return response.status;
      } catch (error) {
        throw toGitHubError(error, url);
      }
    });
  }

  /** The credential's token; an installation GitHub does not know marks its credential invalid. */
  private async tokenOf(credential: Credential): Promise<string> {
    if (typeof credential.token === "string") return credential.token;
    try {
      return await credential.token();
    } catch (error) {
      if (isGhsyncError(error) && error.code === "unknown_installation")
        await this.options.onRejected?.(credential, error.message);
      throw error;
    }
  }

  private async acquire(resource: RateResource): Promise<Credential> {
    for (;;) {
      if (this.options.signal?.aborted) throw new InterruptedError(String(this.options.signal.reason));
      const choice = this.options.pool.choose(resource);
      if ("credential" in choice) {
        return choice.credential;
      }
      const waitMs = Math.max(0, choice.waitUntil.getTime() - this.clock.now()) + 1_000;
      const budget = resource === "graphql" ? "GraphQL rate limit" : "rate limit";
      const reason = `every GitHub token is below its ${budget} threshold until ${choice.waitUntil.toISOString()}`;
      if (this.options.maxWaitMs !== undefined && waitMs > this.options.maxWaitMs) {
        throw new RateLimitWaitError(choice.waitUntil, reason);
      }
      this.options.onWait?.(choice.waitUntil, reason);
      this.logWait(choice.waitUntil, { until: choice.waitUntil.toISOString() }, `${reason}; waiting`);
      await this.clock.sleep(waitMs);
    }
  }

  /**
   * One log line per wait, however many requests wait for the same reset; at info level when the
   * caller shows the wait itself (`onWait`: a terminal's progress bar, a job's `waiting` status).
   */
  private logWait(until: Date, fields: Record<string, unknown>, message: string): void {
    // Within a second: the same reset seen through several responses' headers.
    if (Math.abs(until.getTime() - this.loggedWaitUntil) < 1_000) return;
    this.loggedWaitUntil = until.getTime();
    if (this.options.onWait) this.options.log.info(fields, message);
    else this.options.log.warn(fields, message);
  }

  private recordBudget(credential: Credential, headers: ResponseHeaders): void {
    const parsed = budgetFromHeaders(headers);
    if (!parsed) return;
    this.options.pool.record(credential, parsed.budget, parsed.resource);
    this.options.onBudget?.(credential, parsed.resource, parsed.budget);
  }

  private countingFetch(base: typeof fetch, timeoutMs: number): typeof fetch {
    return async (input, init) => {
      this.counters.requests++;
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      const received = await base(input, { ...init, signal });
      // Read the whole body here, so a connection dropped mid-body fails the request itself
      // (and the retry plugin retries it) instead of failing later while parsing.
      const body = received.status === 204 || received.status === 304 ? null : await received.arrayBuffer();
      const response = new Response(body, {
        status: received.status,
        statusText: received.statusText,
        headers: received.headers,
      });
      Object.defineProperty(response, "url", { value: received.url });
      withRetryAfterFromReset(response, this.clock.now());
      if (response.status === 304) this.counters.notModified++;
      this.counters.pointsUsed += restPointsOf(response.status, response.headers, body);
      return response;
    };
  }
}

function parseJson(text: string, url: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw notJsonError(url, error);
  }
}
