/**
 * The one way ghsync talks to GitHub (DESIGN.md, principle 5). One Octokit with the throttling
 * and retry plugins (lists are walked by sync/walk-list.ts, not a paginate plugin); an outer request hook picks the credential with the most budget,
 * records `x-ratelimit-*` in the ledger, and moves work off a rejected token. Every network
 * request is counted (requests, 304s, points) by the fetch adapter.
 */
import { Octokit } from "@octokit/core";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { RequestError } from "@octokit/request-error";
import { systemClock, type Clock } from "../util/clock.js";
import { InterruptedError, RateLimitWaitError, isGhsyncError } from "../util/errors.js";
import type { Logger } from "../util/logger.js";
import type { CredentialPool, Credential, Budget } from "./credential-pool.js";
import { notJsonError, toGitHubError } from "./github-error.js";
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
}

export interface GitHubPage<T> {
  status: 200 | 304;
  /** Undefined on 304: the mirror already holds what the URL answered. */
  data: T | undefined;
  url: string;
  next: string | undefined;
  last: string | undefined;
  etag: string | undefined;
}

/** The reset time of a primary rate-limit refusal (403/429 with `x-ratelimit-remaining: 0`). */
function exhaustedUntil(error: RequestError, now: number): Date | undefined {
  const headers = (error.response?.headers ?? {}) as ResponseHeaders;
  if ((error.status !== 403 && error.status !== 429) || String(headers["x-ratelimit-remaining"]) !== "0")
    return undefined;
  const reset = Number(headers["x-ratelimit-reset"]);
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1_000) : new Date(now + 60_000);
}

export class GitHubClient {
  readonly counters: RequestCounters = { requests: 0, notModified: 0, pointsUsed: 0 };
  private readonly octokit: InstanceType<typeof GitHubOctokit>;
  private readonly clock: Clock;

  constructor(private readonly options: GitHubClientOptions) {
    this.clock = options.clock ?? systemClock;
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
        onRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _o: unknown,
          count: number,
        ) => {
          // Too long to wait in place for a job: the request fails and the hook turns it into a wait.
          if (options.maxWaitMs !== undefined && retryAfter * 1_000 > options.maxWaitMs) return false;
          options.log.warn(
            { url: request.url, retryAfter },
            "primary rate limit reached; waiting for the reset",
          );
          options.onWait?.(new Date(this.clock.now() + retryAfter * 1_000), "rate limit exhausted");
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
      for (;;) {
        const credential = await this.acquire();
        const token = await this.tokenOf(credential);
        // Bearer works for every kind: personal tokens, installation tokens and the App JWT.
        requestOptions.headers.authorization = `Bearer ${token}`;
        // Requests in flight count against the budget until their response reports.
        this.options.pool.reserve(credential);
        try {
          const response = await request(requestOptions);
          this.recordBudget(credential, response.headers as ResponseHeaders);
          return response;
        } catch (error) {
          if (error instanceof RequestError && error.response) {
            this.recordBudget(credential, error.response.headers as ResponseHeaders);
            const exhausted = exhaustedUntil(error, this.clock.now());
            if (exhausted && options.maxWaitMs !== undefined) {
              throw new RateLimitWaitError(
                exhausted,
                `${credential.label} has no rate limit left until ${exhausted.toISOString()}`,
              );
            }
            if (error.status === 401) {
              const message = options.pool.reject(credential, 401);
              if (options.onRejected) await options.onRejected(credential, message);
              else options.log.warn(message);
              continue;
            }
          }
          throw error;
        } finally {
          this.options.pool.release(credential);
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
      };
    } catch (error) {
      if (error instanceof RequestError && error.status === 304) {
        return { status: 304, data: undefined, url, next: undefined, last: undefined, etag };
      }
      throw toGitHubError(error, url);
    }
  }

  /** One POST with a JSON body (e.g. asking GitHub to redeliver a webhook); returns the status. */
  async post(url: string, body: Record<string, unknown> = {}): Promise<number> {
    try {
      const response = await this.octokit.request({ method: "POST", url, data: body });
      return response.status;
    } catch (error) {
      throw toGitHubError(error, url);
    }
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

  private async acquire(): Promise<Credential> {
    for (;;) {
      if (this.options.signal?.aborted) throw new InterruptedError(String(this.options.signal.reason));
      const choice = this.options.pool.choose();
      if ("credential" in choice) {
        return choice.credential;
      }
      const waitMs = Math.max(0, choice.waitUntil.getTime() - this.clock.now()) + 1_000;
      const reason = `every GitHub token is below its rate-limit threshold until ${choice.waitUntil.toISOString()}`;
      if (this.options.maxWaitMs !== undefined && waitMs > this.options.maxWaitMs) {
        throw new RateLimitWaitError(choice.waitUntil, reason);
      }
      this.options.onWait?.(choice.waitUntil, reason);
      this.options.log.warn(
        { until: choice.waitUntil.toISOString() },
        "every token is low on rate limit; waiting",
      );
      await this.clock.sleep(waitMs);
    }
  }

  private recordBudget(credential: Credential, headers: ResponseHeaders): void {
    const parsed = budgetFromHeaders(headers);
    if (!parsed) return;
    if (parsed.resource === "core") this.options.pool.record(credential, parsed.budget);
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
      else if (!(response.headers.get("x-ratelimit-remaining") === "0" && response.status >= 400)) {
        this.counters.pointsUsed++;
      }
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
