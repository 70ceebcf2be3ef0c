/**
 * What the PR detail lists add to a pull request row (pure): the first commit's time from
 * GET /pulls/{n}/commits and the first `ready_for_review` from GET /issues/{n}/timeline.
 */
import type { components } from "@octokit/openapi-types";
import { toDate } from "./dates.js";
import type { GitHubCommit } from "./github-types.js";

export type GitHubTimelineEvent = components["schemas"]["timeline-issue-events"];

/**
 * The earliest author date among the PR's commits (author dates survive rebases; committer dates
 * do not). GitHub lists at most 250 commits of a PR: for a longer one this is the earliest of those.
 */
export function firstCommitAt(commits: readonly GitHubCommit[]): Date | null {
  return earliest(commits.map((commit) => commit.commit.author?.date ?? commit.commit.committer?.date));
}

/** The earliest of GitHub timestamps; null when none is valid. */
export function earliest(values: readonly (string | null | undefined)[]): Date | null {
  let first: Date | null = null;
  for (const value of values) {
    const at = toDate(value);
    if (at && (first === null || at < first)) first = at;
  }
  return first;
}

/** When the PR was first marked ready for review; null when it never was (not opened as a draft). */
export function firstReadyForReviewAt(events: readonly GitHubTimelineEvent[]): Date | null {
  return earliest(
    events.map((event) =>
      "event" in event && event.event === "ready_for_review" && "created_at" in event
        ? event.created_at
        : null,
    ),
  );
}
