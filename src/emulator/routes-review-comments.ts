/**
 * Inline review comments: GET /pulls/comments (repository-wide), /pulls/{n}/comments and
 * /pulls/comments/{id}. `sort` created|updated (default created), `direction` (default asc, as
 * GitHub's repository list is when no sort is given), `since` on updated_at (inclusive).
 */
import type { ApiResponse, RepoRequest } from "./api-types.js";
import type { ReviewCommentRecord } from "./world-types.js";
import { invalidField, notFound, ok } from "./api-types.js";
import { compareBy, direction, timestampParam } from "./list-query.js";
import { paginate } from "./paginate.js";
import { renderReviewComment } from "./render-review-comment.js";
import { threadOf } from "./world-queries.js";

const DOCS = {
  repo: "https://docs.github.com/rest/pulls/comments#list-review-comments-in-a-repository",
  pull: "https://docs.github.com/rest/pulls/comments#list-review-comments-on-a-pull-request",
  comment: "https://docs.github.com/rest/pulls/comments#get-a-review-comment-for-a-pull-request",
};

/** Comments of live pull requests only (a deleted or moved thread takes its comments along). */
function live(req: RepoRequest, comments: readonly ReviewCommentRecord[]): ReviewCommentRecord[] {
  return comments.filter((comment) => threadOf(req.repo, comment.pullNumber)?.deleted === false);
}

function listOf(req: RepoRequest, comments: ReviewCommentRecord[], docs: string): ApiResponse {
  const { query } = req;
  const since = timestampParam(query, "since");
  if (since === null) return invalidField("PullRequestReviewComment", "since", docs);
  const sort = query.get("sort") === "updated" ? "updated" : "created";
  const key =
    sort === "updated" ? (c: ReviewCommentRecord) => c.updatedAt : (c: ReviewCommentRecord) => c.createdAt;
  const list = comments.filter((comment) => since === undefined || comment.updatedAt >= since);
  list.sort(compareBy(direction(query, "asc"), key, (comment) => comment.id));
  const page = paginate(list, query, req.linkBase);
  return ok(
    page.items.map((comment) => renderReviewComment(req.ctx, req.repo, comment)),
    page.link,
  );
}

export function listRepoReviewComments(req: RepoRequest): ApiResponse {
  return listOf(req, live(req, req.repo.reviewComments), DOCS.repo);
}

export function listPullReviewComments(req: RepoRequest): ApiResponse {
  const number = Number(req.params.number);
  const thread = threadOf(req.repo, number);
  if (!thread?.pull || thread.deleted) return notFound(DOCS.pull);
  return listOf(
    req,
    req.repo.reviewComments.filter((comment) => comment.pullNumber === number),
    DOCS.pull,
  );
}

export function getReviewComment(req: RepoRequest): ApiResponse {
  const id = Number(req.params.id);
  const comment = live(req, req.repo.reviewComments).find((candidate) => candidate.id === id);
  return comment ? ok(renderReviewComment(req.ctx, req.repo, comment)) : notFound(DOCS.comment);
}
