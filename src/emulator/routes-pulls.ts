/**
 * GET /repos/{owner}/{repo}/pulls (state, head, base, sort, direction with GitHub's defaults),
 * GET /pulls/{n}, GET /pulls/{n}/reviews (chronological) and GET /pulls/{n}/commits (oldest
 * first, at most 250 like GitHub).
 */
import type { ApiResponse, RepoRequest } from "./api-types.js";
import type { IssueRecord } from "./world-types.js";
import { notFound, ok } from "./api-types.js";
import { compareBy, direction, oneOf } from "./list-query.js";
import { paginate } from "./paginate.js";
import { pullRequest, pullRequestSimple } from "./render-pull.js";
import { renderCommit } from "./render-commit.js";
import { renderReview } from "./render-review.js";
import { PULL_COMMITS_LIMIT, pullCommits } from "./pull-history.js";
import { threadOf } from "./world-queries.js";
import { DAY } from "./time.js";

const SORTS = ["created", "updated", "popularity", "long-running"] as const;

export function listPulls(req: RepoRequest): ApiResponse {
  const { repo, query, ctx } = req;
  const state = oneOf(query, "state", ["open", "closed", "all"] as const, "open");
  const sort = oneOf(query, "sort", SORTS, "created");
  // "Default: desc when sort is created or sort is not specified, otherwise asc."
  const dir = direction(query, sort === "created" ? "desc" : "asc");
  const head = query.get("head");
  const base = query.get("base");
  const now = ctx.world.now();
  let pulls = repo.threads.filter(
    (thread) =>
      thread.pull !== null &&
      (state === "all" || thread.state === state) &&
      (!head ||
        `${repo.owner.login}:${thread.pull.headRef}`.toLowerCase() ===
          qualifiedHead(head, repo.owner.login)) &&
      (!base || base === repo.defaultBranch),
  );
  if (sort === "long-running") {
    pulls = pulls.filter((thread) => thread.createdAt < now - 30 * DAY && thread.updatedAt >= now - 30 * DAY);
  }
  const key: Record<(typeof SORTS)[number], (thread: IssueRecord) => number> = {
    created: (thread) => thread.createdAt,
    updated: (thread) => thread.updatedAt,
    popularity: (thread) => thread.comments.length,
    "long-running": (thread) => thread.createdAt,
  };
  pulls.sort(compareBy(dir, key[sort], (thread) => thread.number));
  const page = paginate(pulls, query, req.linkBase);
  return ok(
    page.items.map((thread) => pullRequestSimple(ctx, repo, thread)),
    page.link,
  );
}

/** `head` is "user:ref" (or just "ref", which GitHub scopes to the repository owner). */
function qualifiedHead(head: string, owner: string): string {
  return (head.includes(":") ? head : `${owner}:${head}`).toLowerCase();
}

function pullThread(req: RepoRequest): IssueRecord | undefined {
  const thread = threadOf(req.repo, Number(req.params.number));
  return thread?.pull && !thread.deleted ? thread : undefined;
}

export function getPull(req: RepoRequest): ApiResponse {
  const thread = pullThread(req);
  if (!thread) return notFound("https://docs.github.com/rest/pulls/pulls#get-a-pull-request");
  return ok(pullRequest(req.ctx, req.repo, thread));
}

export function listReviews(req: RepoRequest): ApiResponse {
  const thread = pullThread(req);
  if (!thread?.pull)
    return notFound("https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request");
  const reviews = [...thread.pull.reviews].sort((a, b) => a.submittedAt - b.submittedAt || a.id - b.id);
  const page = paginate(reviews, req.query, req.linkBase);
  return ok(
    page.items.map((review) => renderReview(req.ctx, req.repo, thread, review)),
    page.link,
  );
}

export function listPullCommits(req: RepoRequest): ApiResponse {
  const thread = pullThread(req);
  if (!thread) return notFound("https://docs.github.com/rest/pulls/pulls#list-commits-on-a-pull-request");
  const commits = pullCommits(req.ctx.world, thread).slice(0, PULL_COMMITS_LIMIT);
  const page = paginate(commits, req.query, req.linkBase);
  return ok(
    page.items.map((commit) => renderCommit(req.ctx, req.repo, commit)),
    page.link,
  );
}
