/**
 * Issues (GET /issues items and GET /issues/{n}). A pull request's issue view carries a
 * `pull_request` key and `draft`; `closed_by` appears only in the single-issue view, as on GitHub.
 */
import type { IssueRecord, RepoRecord } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { repoApiUrl, repoHtmlUrl } from "./render-context.js";
import { reactions, renderLabel } from "./render-label.js";
import { nullableUser, simpleUser } from "./render-user.js";
import { authorAssociation } from "./world-queries.js";
import { nodeId } from "./ids.js";
import { iso } from "./time.js";

export function renderIssue(
  ctx: RenderContext,
  repo: RepoRecord,
  thread: IssueRecord,
  view: "list" | "single",
): Record<string, unknown> {
  const api = repoApiUrl(ctx, repo);
  const url = `${api}/issues/${thread.number}`;
  const html = `${repoHtmlUrl(ctx, repo)}/${thread.pull ? "pull" : "issues"}/${thread.number}`;
  const pull = thread.pull
    ? {
        draft: thread.pull.draft,
        pull_request: {
          url: `${api}/pulls/${thread.number}`,
          html_url: html,
          diff_url: `${html}.diff`,
          patch_url: `${html}.patch`,
          merged_at: thread.pull.mergedAt === null ? null : iso(thread.pull.mergedAt),
        },
      }
    : {};
  return {
    url,
    repository_url: api,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    id: thread.id,
    node_id: nodeId(thread.pull ? "PullRequest" : "Issue", thread.pull ? thread.pull.id : thread.id),
    number: thread.number,
    title: thread.title,
    user: simpleUser(ctx, thread.user),
    labels: thread.labels.map((label) => renderLabel(ctx, repo, label)),
    state: thread.state,
    locked: thread.locked,
    assignee: nullableUser(ctx, thread.assignees[0] ?? null),
    assignees: thread.assignees.map((account) => simpleUser(ctx, account)),
    milestone: null,
    comments: thread.comments.length,
    created_at: iso(thread.createdAt),
    updated_at: iso(thread.updatedAt),
    closed_at: thread.closedAt === null ? null : iso(thread.closedAt),
    author_association: authorAssociation(repo, thread.user),
    type: null,
    active_lock_reason: thread.locked ? "resolved" : null,
    sub_issues_summary: { total: 0, completed: 0, percent_completed: 0 },
    issue_dependencies_summary: { blocked_by: 0, total_blocked_by: 0, blocking: 0, total_blocking: 0 },
    ...pull,
    body: thread.body,
    ...(view === "single" ? { closed_by: nullableUser(ctx, thread.closedBy) } : {}),
    reactions: reactions(url, thread.id),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: thread.stateReason,
  };
}
