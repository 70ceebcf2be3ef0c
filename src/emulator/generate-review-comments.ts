/**
 * Inline review comments: exactly `pull.reviewComments` of them per pull request (the count the
 * pull request already served), so nothing else changed when they became records. Each belongs to
 * a COMMENTED or CHANGES_REQUESTED review of the pull request (any review when it has none of
 * those), posted when the review was submitted, on the right side of a line of a changed file;
 * a quarter answer an earlier comment (`in_reply_to`) from a later review; 15% were edited later.
 */
import type { IssueRecord, RepoRecord, ReviewCommentRecord, ReviewRecord } from "./world-types.js";
import type { Rng } from "./prng.js";
import { commentBody } from "./text-pools.js";
import { DAY, MINUTE } from "./time.js";

const PATHS = [
  "src/index.ts",
  "src/api/client.ts",
  "src/components/Button.tsx",
  "src/db/migrations/0042_add_index.sql",
  "internal/auth/session.go",
  "README.md",
  "docs/ünïcode-guide.md",
  "test/fixtures/payload.json",
] as const;

const REMARKS = [
  "Could we extract this into a helper?",
  "nit: naming — `data` is vague here.",
  "This will break when the list is empty.",
  "Should this be behind the feature flag?",
  "Please add a test for the `null` case.",
  "`DROP TABLE users; --` would pass this check 😅",
  "Why not use the existing retry logic?",
  "この条件は逆では？",
] as const;

/** A unified-diff hunk ending at `line` (what GitHub shows above an inline comment). */
export function diffHunk(rng: Rng, line: number): string {
  const start = Math.max(1, line - 3);
  const body = ["  const value = input ?? fallback;", "-  return value;", "+  return normalize(value);"];
  return `@@ -${start},6 +${start},7 @@ ${rng.pick(["function load()", "class Client {", ""])}\n${body.join("\n")}`;
}

export function reviewCommentBody(rng: Rng): string {
  return rng.chance(0.7) ? rng.pick(REMARKS) : commentBody(rng);
}

/** A review comment record (id 0: assigned later). */
export function newReviewComment(
  thread: IssueRecord,
  review: ReviewRecord,
  rng: Rng,
  createdAt: number,
  inReplyTo: ReviewCommentRecord | null,
): ReviewCommentRecord {
  const line = inReplyTo?.line ?? rng.int(1, 400);
  const headSha = thread.pull?.headSha ?? review.commitId;
  return {
    id: 0,
    pullNumber: thread.number,
    review,
    user: review.user,
    body: reviewCommentBody(rng),
    path: inReplyTo?.path ?? rng.pick(PATHS),
    line,
    side: "RIGHT",
    commitId: rng.chance(0.7) ? headSha : review.commitId,
    originalCommitId: review.commitId,
    diffHunk: inReplyTo?.diffHunk ?? diffHunk(rng, line),
    createdAt,
    updatedAt: createdAt,
    inReplyTo,
  };
}

/** Fills `repo.reviewComments` (creation order) from every pull request's count. */
export function generateReviewComments(repo: RepoRecord, rng: Rng, end: number): void {
  for (const thread of repo.threads) {
    const pull = thread.pull;
    if (!pull || pull.reviewComments === 0) continue;
    const commenting = pull.reviews.filter((r) => r.state === "COMMENTED" || r.state === "CHANGES_REQUESTED");
    const pool = commenting.length > 0 ? commenting : pull.reviews;
    const made: ReviewCommentRecord[] = [];
    for (let i = 0; i < pull.reviewComments; i++) {
      const review = rng.pick(pool);
      const earlier = made.filter((comment) => comment.createdAt < review.submittedAt);
      const replyTo = earlier.length > 0 && rng.chance(0.25) ? rng.pick(earlier) : null;
      const comment = newReviewComment(thread, review, rng, review.submittedAt, replyTo);
      if (rng.chance(0.15))
        comment.updatedAt = Math.min(end - MINUTE, comment.createdAt + rng.int(MINUTE, 2 * DAY));
      comment.updatedAt = Math.max(comment.updatedAt, comment.createdAt);
      made.push(comment);
    }
    repo.reviewComments.push(...made);
  }
  repo.reviewComments.sort((a, b) => a.createdAt - b.createdAt || a.pullNumber - b.pullNumber);
}
