import { describe, expect, it } from "vitest";
import {
  cycleTimeHours,
  pickupTimeHours,
  pullSize,
  reviewTimeHours,
  type PullFacts,
  type ReviewFacts,
} from "../../src/metrics/pull-timings.js";
import { distribution } from "../../src/metrics/distribution.js";

const at = (iso: string) => new Date(iso);
const AUTHOR = 1;
const REVIEWER = 2;

function pull(overrides: Partial<PullFacts> = {}): PullFacts {
  return {
    authorId: AUTHOR,
    createdAt: at("2026-03-02T10:00:00Z"),
    mergedAt: null,
    closedAt: null,
    draft: false,
    firstCommitAt: null,
    readyForReviewAt: null,
    additions: null,
    deletions: null,
    reviews: [],
    ...overrides,
  };
}

const review = (authorId: number, iso: string, bot = false): ReviewFacts => ({
  authorId,
  bot,
  submittedAt: at(iso),
});

describe("cycle time (first commit → merge)", () => {
  it("starts at the first commit's author date", () => {
    const facts = pull({ firstCommitAt: at("2026-03-01T10:00:00Z"), mergedAt: at("2026-03-03T10:00:00Z") });
    expect(cycleTimeHours(facts)).toBe(48);
  });

  it("starts at creation when the commits are newer than the PR (force-pushed) or unknown", () => {
    const merged = at("2026-03-02T16:00:00Z");
    expect(cycleTimeHours(pull({ firstCommitAt: at("2026-03-02T12:00:00Z"), mergedAt: merged }))).toBe(6);
    expect(cycleTimeHours(pull({ mergedAt: merged }))).toBe(6);
  });

  it("is null for a PR not merged, and counts a reopened PR from its first commit to its merge", () => {
    expect(cycleTimeHours(pull({ firstCommitAt: at("2026-03-01T10:00:00Z") }))).toBeNull();
    // Opened, closed, reopened a week later, merged: one cycle from the first commit.
    const reopened = pull({
      firstCommitAt: at("2026-03-01T10:00:00Z"),
      mergedAt: at("2026-03-10T10:00:00Z"),
    });
    expect(cycleTimeHours(reopened)).toBe(9 * 24);
  });
});

describe("pickup time (ready → first review by someone else)", () => {
  it("starts at creation for a PR never a draft", () => {
    const facts = pull({ reviews: [review(REVIEWER, "2026-03-02T13:30:00Z")] });
    expect(pickupTimeHours(facts)).toBe(3.5);
  });

  it("starts when a draft was marked ready for review", () => {
    const facts = pull({
      readyForReviewAt: at("2026-03-04T10:00:00Z"),
      reviews: [review(REVIEWER, "2026-03-04T12:00:00Z")],
    });
    expect(pickupTimeHours(facts)).toBe(2);
  });

  it("is null while the PR is still a draft, and 0 for a review of the draft before it was ready", () => {
    expect(
      pickupTimeHours(pull({ draft: true, reviews: [review(REVIEWER, "2026-03-03T10:00:00Z")] })),
    ).toBeNull();
    const early = pull({
      readyForReviewAt: at("2026-03-05T10:00:00Z"),
      reviews: [review(REVIEWER, "2026-03-03T10:00:00Z")],
    });
    expect(pickupTimeHours(early)).toBe(0);
  });

  it("ignores self-reviews and bot reviews; a PR with no other review has no pickup", () => {
    const selfOnly = pull({
      reviews: [review(AUTHOR, "2026-03-02T11:00:00Z"), review(9, "2026-03-02T11:30:00Z", true)],
    });
    expect(pickupTimeHours(selfOnly)).toBeNull();
    const mixed = pull({ reviews: [...selfOnly.reviews, review(REVIEWER, "2026-03-02T20:00:00Z")] });
    expect(pickupTimeHours(mixed)).toBe(10);
    expect(pickupTimeHours(pull())).toBeNull();
  });

  it("is null for a PR first reviewed after it was closed", () => {
    const closed = pull({
      closedAt: at("2026-03-03T10:00:00Z"),
      reviews: [review(REVIEWER, "2026-03-04T10:00:00Z")],
    });
    expect(pickupTimeHours(closed)).toBeNull();
  });
});

describe("review time (first review → merge)", () => {
  it("runs from the first review by someone else to the merge", () => {
    const facts = pull({
      mergedAt: at("2026-03-03T10:00:00Z"),
      reviews: [review(REVIEWER, "2026-03-02T22:00:00Z"), review(REVIEWER, "2026-03-02T12:00:00Z")],
    });
    expect(reviewTimeHours(facts)).toBe(22);
  });

  it("is null for a PR merged without review, reviewed only after merging, or not merged", () => {
    expect(reviewTimeHours(pull({ mergedAt: at("2026-03-03T10:00:00Z") }))).toBeNull();
    const late = pull({
      mergedAt: at("2026-03-03T10:00:00Z"),
      reviews: [review(REVIEWER, "2026-03-04T10:00:00Z")],
    });
    expect(reviewTimeHours(late)).toBeNull();
    expect(reviewTimeHours(pull({ reviews: [review(REVIEWER, "2026-03-04T10:00:00Z")] }))).toBeNull();
  });
});

describe("PR size and distributions", () => {
  it("adds additions and deletions, null until known", () => {
    expect(pullSize(pull({ additions: 120, deletions: 30 }))).toBe(150);
    expect(pullSize(pull({ additions: 120 }))).toBeNull();
  });

  it("reports median (mean of the middle two), nearest-rank p90 and mean, skipping nulls", () => {
    expect(distribution([4, null, 1, 3, 2])).toEqual({ count: 4, median: 2.5, p90: 4, mean: 2.5 });
    expect(distribution([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toMatchObject({ median: 6, p90: 10 });
    expect(distribution([])).toEqual({ count: 0, median: null, p90: null, mean: null });
  });
});
