/**
 * Webhooks are hints where they are ambiguous (DESIGN.md, principle 8). GitHub's timestamps have
 * one-second resolution, so two changes in one second carry the same `updated_at` and may arrive
 * (or be redelivered) in either order: a payload whose `updated_at` equals the stored row's while
 * what it says differs cannot be ordered against it. It is not written; the caller asks GitHub.
 */
import { and, eq } from "drizzle-orm";
import type { GitHubIssue, GitHubPullRequest, GitHubReview } from "../normalize/github-types.js";
import { normalizeReview } from "../normalize/normalize-review.js";
import { toId } from "../normalize/ids.js";
import type { Db } from "../store/database.js";
import { issues, pullRequestReviews, pullRequests } from "../store/schema.js";

const same = (a: Date | null | undefined, b: string | null | undefined) =>
  (a?.getTime() ?? null) === (b ? Date.parse(b) : null);

export async function ambiguousPull(tx: Db, pull: GitHubPullRequest): Promise<boolean> {
  const [stored] = await tx
    .select()
    .from(pullRequests)
    .where(eq(pullRequests.id, toId(pull.id)));
  if (!stored || !same(stored.updatedAt, pull.updated_at)) return false;
  return (
    stored.state !== pull.state ||
    stored.merged !== Boolean(pull.merged_at) ||
    !same(stored.mergedAt, pull.merged_at) ||
    !same(stored.closedAt, pull.closed_at) ||
    stored.draft !== (pull.draft ?? false) ||
    stored.title !== pull.title
  );
}

export async function ambiguousIssue(tx: Db, repositoryId: number, issue: GitHubIssue): Promise<boolean> {
  const [stored] = await tx
    .select()
    .from(issues)
    .where(and(eq(issues.id, toId(issue.id)), eq(issues.repositoryId, repositoryId)));
  if (!stored || !same(stored.updatedAt, issue.updated_at)) return false;
  return (
    (issue.state !== undefined && stored.state !== issue.state) ||
    !same(stored.closedAt, issue.closed_at) ||
    stored.title !== issue.title
  );
}

/**
 * A review payload against the stored review. Reviews carry no `updated_at`: a dismissal is final
 * on GitHub, so an earlier state arriving after it is `stale` (not written, nothing to ask); the
 * same state with another body (an edit, and the submission or an edit before it) cannot be
 * ordered, and is `ambiguous`.
 */
export async function reviewOrder(tx: Db, review: GitHubReview): Promise<"newer" | "stale" | "ambiguous"> {
  const [stored] = await tx
    .select({ state: pullRequestReviews.state, body: pullRequestReviews.body })
    .from(pullRequestReviews)
    .where(eq(pullRequestReviews.id, toId(review.id)));
  if (!stored) return "newer";
  const incoming = normalizeReview(0, 0, review);
  if (stored.state === "DISMISSED" && incoming.state !== "DISMISSED") return "stale";
  if (stored.state === incoming.state && stored.body !== incoming.body) return "ambiguous";
  return "newer";
}
