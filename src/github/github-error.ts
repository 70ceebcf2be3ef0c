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

export function toGitHubError(error: unknown, url: string): GhsyncError {
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
  return new GhsyncError(
    "github_unreachable",
    `could not reach GitHub for ${path}: ${(error as Error).message}`,
    {
      status: 502,
      retryable: true,
      cause: error,
    },
  );
}
