/**
 * A GitHub API nobody answers at (nothing listens, no such host) fails within seconds with a
 * message that says so. Octokit reports a failed connection as a 500, which the retry plugin
 * would retry with its 5xx back-off (1 + 4 + 9 + 16 + 25 s) and then report as "GitHub answered
 * 500". This plugin is applied before the others, so its hook sits closest to the request: it
 * tries again after short pauses (a proxy restarting), then throws a GhsyncError, which the
 * retry and throttling plugins pass on untouched. A job still retries it later (it is retryable).
 */
import type { Octokit } from "@octokit/core";
import { RequestError } from "@octokit/request-error";
import type { Clock } from "../util/clock.js";
import { GhsyncError } from "../util/errors.js";

/** Errors that mean no connection was made: refused, no route, or the name does not resolve. */
const CONNECTION_FAILURES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/** Pauses before the second and third attempt. */
export const UNREACHABLE_PAUSES_MS = [1_000, 2_000] as const;

export interface UnreachableOptions {
  clock: Clock;
}

/** The system error code behind a failed fetch (undici nests it; several addresses: an AggregateError). */
export function connectionFailureCode(error: unknown): string | undefined {
  if (!(error instanceof RequestError) || error.status !== 500) return undefined;
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_FAILURES.has(code)) return code;
    cause = cause instanceof AggregateError ? cause.errors[0] : cause.cause;
  }
  return undefined;
}

export function failFastWhenUnreachable(
  octokit: Octokit,
  octokitOptions: { baseUrl?: string; unreachable?: UnreachableOptions },
): void {
  const clock = octokitOptions.unreachable?.clock;
  if (!clock) throw new Error("failFastWhenUnreachable needs the `unreachable.clock` option");
  const base = octokitOptions.baseUrl ?? "https://api.github.com";
  octokit.hook.wrap("request", async (request, options) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(options);
      } catch (error) {
        const code = connectionFailureCode(error);
        if (code === undefined) throw error;
        const pause = UNREACHABLE_PAUSES_MS[attempt];
        if (pause === undefined) {
          throw new GhsyncError(
            "github_unreachable",
            `could not reach the GitHub API at ${base} (${code}); check GITHUB_API_URL and the network`,
            { status: 502, retryable: true, cause: error },
          );
        }
        await clock.sleep(pause);
      }
    }
  });
}
