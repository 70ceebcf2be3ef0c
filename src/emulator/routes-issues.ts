/**
 * Issues and issue comments: GET /issues (pull requests included, with a `pull_request` key),
 * GET /issues/{n} (410 once deleted), GET /issues/{n}/comments and the repository-wide
 * GET /issues/comments. `since` compares with updated_at, inclusive.
 */
import type { ApiResponse, RepoRequest } from "./api-types.js";
import type { CommentRecord, IssueRecord, RepoRecord } from "./world-types.js";
import { errorBody, invalidField, movedPermanently, notFound, ok } from "./api-types.js";
import { compareBy, direction, oneOf, timestampParam } from "./list-query.js";
import { paginate } from "./paginate.js";
import { renderComment } from "./render-comment.js";
import { renderIssue } from "./render-issue.js";
import { renderTimelineItem } from "./render-timeline.js";
import { timelineItems } from "./timeline-items.js";
import { threadOf } from "./world-queries.js";
import { repoApiUrl } from "./render-context.js";

const DOCS = {
  list: "https://docs.github.com/rest/issues/issues#list-repository-issues",
  get: "https://docs.github.com/rest/issues/issues#get-an-issue",
  comments: "https://docs.github.com/rest/issues/comments#list-issue-comments",
  repoComments: "https://docs.github.com/rest/issues/comments#list-issue-comments-for-a-repository",
  timeline: "https://docs.github.com/rest/issues/timeline#list-timeline-events-for-an-issue",
  comment: "https://docs.github.com/rest/issues/comments#get-an-issue-comment",
};

function matchesPeople(thread: IssueRecord, query: URLSearchParams): boolean {
  const creator = query.get("creator")?.toLowerCase();
  if (creator && thread.user.login.toLowerCase() !== creator) return false;
  const assignee = query.get("assignee")?.toLowerCase();
  const assigned =
    !assignee ||
    (assignee === "none"
      ? thread.assignees.length === 0
      : assignee === "*"
        ? thread.assignees.length > 0
        : thread.assignees.some((account) => account.login.toLowerCase() === assignee));
  // No issue has a milestone in the emulator.
  const milestone = query.get("milestone");
  return assigned && (!milestone || milestone === "none");
}

export function listIssues(req: RepoRequest): ApiResponse {
  const { repo, query } = req;
  const state = oneOf(query, "state", ["open", "closed", "all"] as const, "open");
  const sort = oneOf(query, "sort", ["created", "updated", "comments"] as const, "created");
  const since = timestampParam(query, "since");
  if (since === null) return invalidField("Issue", "since", DOCS.list);
  const labels = (query.get("labels") ?? "")
    .split(",")
    .map((label) => label.trim().toLowerCase())
    .filter(Boolean);
  const issues = repo.threads.filter(
    (thread) =>
      !thread.deleted &&
      (state === "all" || thread.state === state) &&
      (since === undefined || thread.updatedAt >= since) &&
      labels.every((wanted) => thread.labels.some((label) => label.name.toLowerCase() === wanted)) &&
      matchesPeople(thread, query),
  );
  const key = {
    created: (t: IssueRecord) => t.createdAt,
    updated: (t: IssueRecord) => t.updatedAt,
    comments: (t: IssueRecord) => t.comments.length,
  };
  issues.sort(compareBy(direction(query, "desc"), key[sort], (thread) => thread.number));
  const page = paginate(issues, query, req.linkBase);
  return ok(
    page.items.map((thread) => renderIssue(req.ctx, repo, thread, "list")),
    page.link,
  );
}

/** The issue addressed by the path, or the 404/410 (or 301, transferred) GitHub answers instead. */
function issueOr(req: RepoRequest, docs: string): IssueRecord | ApiResponse {
  const thread = threadOf(req.repo, Number(req.params.number));
  if (!thread) return notFound(docs);
  if (thread.movedTo) return movedIssue(req, thread.movedTo.repo, thread.movedTo.thread);
  if (thread.deleted) return { status: 410, body: errorBody("This issue was deleted", 410, docs) };
  return thread;
}

/** A transferred issue's old URL (and its comments' and timeline's): 301 to the same under the new one. */
function movedIssue(req: RepoRequest, repo: RepoRecord, thread: IssueRecord): ApiResponse {
  const rest = req.url.pathname.replace(/^.*\/issues\/\d+/, "");
  const location = `${repoApiUrl(req.ctx, repo)}/issues/${thread.number}${rest}${req.url.search}`;
  return movedPermanently(location);
}

export function getIssue(req: RepoRequest): ApiResponse {
  const thread = issueOr(req, DOCS.get);
  if ("status" in thread) return thread;
  return ok(renderIssue(req.ctx, req.repo, thread, "single"));
}

export function listIssueComments(req: RepoRequest): ApiResponse {
  const thread = issueOr(req, DOCS.comments);
  if ("status" in thread) return thread;
  const since = timestampParam(req.query, "since");
  if (since === null) return invalidField("IssueComment", "since", DOCS.comments);
  const comments = thread.comments.filter((comment) => since === undefined || comment.updatedAt >= since);
  const page = paginate(comments, req.query, req.linkBase);
  return ok(
    page.items.map((comment) => renderComment(req.ctx, req.repo, comment)),
    page.link,
  );
}

export function listRepoComments(req: RepoRequest): ApiResponse {
  const { repo, query } = req;
  const since = timestampParam(query, "since");
  if (since === null) return invalidField("IssueComment", "since", DOCS.repoComments);
  const sort = query.get("sort") === "updated" ? "updated" : "created";
  // "direction: Ignored without the sort parameter" — then the order is ascending by creation.
  const dir = query.has("sort") ? direction(query, "asc") : "asc";
  const key = sort === "updated" ? (c: CommentRecord) => c.updatedAt : (c: CommentRecord) => c.createdAt;
  const comments = repo.comments.filter((comment) => since === undefined || comment.updatedAt >= since);
  comments.sort(compareBy(dir, key, (comment) => comment.id));
  const page = paginate(comments, query, req.linkBase);
  return ok(
    page.items.map((comment) => renderComment(req.ctx, repo, comment)),
    page.link,
  );
}

/** GET /issues/{n}/timeline: the recorded state events, oldest first (render-timeline.ts). */
export function listTimeline(req: RepoRequest): ApiResponse {
  const thread = issueOr(req, DOCS.timeline);
  if ("status" in thread) return thread;
  const page = paginate(timelineItems(req.ctx.world, thread), req.query, req.linkBase);
  return ok(
    page.items.map((item) => renderTimelineItem(req.ctx, req.repo, thread, item)),
    page.link,
  );
}

/** GET /repos/{owner}/{repo}/issues/comments/{id}: 404 once deleted (or moved with its issue). */
export function getComment(req: RepoRequest): ApiResponse {
  const id = Number(req.params.id);
  const comment = req.repo.comments.find((candidate) => candidate.id === id);
  // A deleted issue's comments went with it.
  if (!comment || threadOf(req.repo, comment.issueNumber)?.deleted !== false)
    return { status: 404, body: errorBody("Not Found", 404, DOCS.comment) };
  return ok(renderComment(req.ctx, req.repo, comment));
}
