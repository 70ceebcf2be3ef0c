import { describe, expect, it } from "vitest";
import type { GitHubCommit } from "../../src/normalize/github-types.js";
import {
  firstCommitAt,
  firstReadyForReviewAt,
  type GitHubTimelineEvent,
} from "../../src/normalize/normalize-pull-details.js";

const commit = (author: string | null, committer: string) =>
  ({
    commit: { author: author === null ? null : { date: author }, committer: { date: committer } },
  }) as GitHubCommit;
const event = (name: string, at: string) => ({ event: name, created_at: at }) as GitHubTimelineEvent;

describe("PR details from the commit and timeline lists", () => {
  it("takes the earliest author date (a rebase keeps author dates, not committer dates)", () => {
    const commits = [
      commit("2026-03-02T10:00:00Z", "2026-03-05T10:00:00Z"),
      commit("2026-03-01T09:00:00Z", "2026-03-05T10:00:00Z"),
      commit(null, "2026-02-27T08:00:00Z"), // no author date: the committer's
    ];
    expect(firstCommitAt(commits)).toEqual(new Date("2026-02-27T08:00:00Z"));
    expect(firstCommitAt([])).toBeNull();
  });

  it("takes the first ready_for_review, through a convert_to_draft and a second ready", () => {
    const events = [
      event("closed", "2026-03-01T08:00:00Z"),
      event("ready_for_review", "2026-03-02T10:00:00Z"),
      event("convert_to_draft", "2026-03-03T10:00:00Z"),
      event("ready_for_review", "2026-03-04T10:00:00Z"),
    ];
    expect(firstReadyForReviewAt(events)).toEqual(new Date("2026-03-02T10:00:00Z"));
    expect(firstReadyForReviewAt([event("merged", "2026-03-02T10:00:00Z")])).toBeNull();
  });
});
