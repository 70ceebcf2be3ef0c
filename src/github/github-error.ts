/** GitHub failures as GhsyncErrors with stable codes and messages that say what to do. */
import { RequestError } from "@octokit/request-error";
import { GhsyncError, isGhsyncError } from "../util/errors.js";

function pathOf(url: string): string {
  try {
    return new URL(url, "http://github.invalid").pathname;
  } catch {
    return url;
  }
}

/**
 * GitHub's answers as GhsyncErrors (5xx, 403/429 limits and network failures retryable). Octokit
 * turns every network failure and timeout into a RequestError, so anything else was thrown by our
 * own code around the request — a bug, passed on as it is (jobs/classify-failure.ts: not retried).
 */
export function toGitHubError(error: unknown, url: string): unknown {
  if (isGhsyncError(error)) return error;
  const path = pathOf(url);
  if (error instanceof RequestError) {
    const status = error.status;
    if (status === 404)
      return new GhsyncError("not_found", `GitHub has no ${path} (404), or the token cannot see it`, {
        status: 404,
        cause: error,
      });
    if (status === 410)
      return new GhsyncError("gone", `GitHub says ${path} was deleted (410)`, { status: 410, cause: error });
    if (status === 403 || status === 429) {
      return new GhsyncError("forbidden", `GitHub refused ${path} (${status}): ${error.message}`, {
        status: 502,
        retryable: true,
        cause: error,
      });
    }
    return new GhsyncError("github_error", `GitHub answered ${status} for ${path}: ${error.message}`, {
      status: 502,
      retryable: status >= 500 || status === 0,
      cause: error,
    });
  }
  // Octokit passes an aborted request's AbortError on as it is (a timeout arrives as a RequestError).
  if (error instanceof Error && error.name === "AbortError")
    return new GhsyncError("github_unreachable", `no answer from GitHub for ${path}: ${error.message}`, {
      status: 502,
      retryable: true,
      cause: error,
    });
  return error;
}

/** A 200 whose body is not JSON: GitHub's (or a proxy's) trouble, like a 5xx, not ours. */
export function notJsonError(url: string, cause: unknown): GhsyncError {
  return new GhsyncError("github_error", `GitHub answered ${pathOf(url)} with a body that is not JSON`, {
    status: 502,
    retryable: true,
    cause,
  });
}
