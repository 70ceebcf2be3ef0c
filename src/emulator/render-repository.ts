/**
 * Repositories in GitHub's three shapes: minimal-repository (organization lists), repository
 * (pull request head/base, /user/repos, a fork's parent/source) and full-repository
 * (GET /repos/{owner}/{repo}). Field order follows GitHub's responses.
 */
import type { License, RepoRecord } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { memo, repoApiUrl, repoHtmlUrl } from "./render-context.js";
import { simpleUser } from "./render-user.js";
import { fullName, openIssuesCount } from "./world-queries.js";
import { nodeId } from "./ids.js";
import { iso } from "./time.js";

/** GitHub's database ids of the licenses the emulator uses (node ids "MDc6TGljZW5zZTEz"…). */
const LICENSE_NUMBERS: Readonly<Record<string, number>> = { mit: 13, "apache-2.0": 2 };

function license(ctx: RenderContext, value: License | null): Record<string, unknown> | null {
  if (!value) return null;
  return {
    key: value.key,
    name: value.name,
    spdx_id: value.spdxId,
    url: `${ctx.base}/licenses/${value.key}`,
    node_id: nodeId("License", LICENSE_NUMBERS[value.key] ?? 1),
  };
}

function urls(ctx: RenderContext, repo: RepoRecord): Record<string, string> {
  const api = repoApiUrl(ctx, repo);
  return {
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
  };
}

/** Fields shared by every repository shape. */
function core(ctx: RenderContext, repo: RepoRecord): Record<string, unknown> {
  const html = repoHtmlUrl(ctx, repo);
  const host = new URL(ctx.base).host;
  const openIssues = openIssuesCount(repo);
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: fullName(repo),
    private: repo.private,
    owner: simpleUser(ctx, repo.owner),
    html_url: html,
    description: repo.description,
    fork: repo.fork,
    url: repoApiUrl(ctx, repo),
    ...urls(ctx, repo),
    created_at: iso(repo.createdAt),
    updated_at: iso(repo.updatedAt),
    pushed_at: iso(repo.pushedAt),
    git_url: `git://${host}/${fullName(repo)}.git`,
    ssh_url: `git@${host}:${fullName(repo)}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: repo.homepage,
    size: repo.size,
    stargazers_count: repo.stargazers,
    watchers_count: repo.watchers,
    language: repo.language,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: repo.hasWiki,
    has_pages: repo.hasPages,
    has_discussions: repo.hasDiscussions,
    forks_count: repo.forks,
    mirror_url: null,
    archived: repo.archived,
    disabled: false,
    open_issues_count: openIssues,
    license: license(ctx, repo.license),
    allow_forking: !repo.private,
    is_template: false,
    web_commit_signoff_required: false,
    topics: repo.topics,
    visibility: repo.private ? "private" : "public",
    forks: repo.forks,
    open_issues: openIssues,
    watchers: repo.watchers,
    default_branch: repo.defaultBranch,
  };
}

/** What a member of the owning organization may do (admin is reserved to owners). */
function permissions(ctx: RenderContext): Record<string, unknown> {
  return ctx.viewer
    ? { permissions: { admin: false, maintain: false, push: true, triage: true, pull: true } }
    : {};
}

/** minimal-repository: GET /orgs/{org}/repos items. */
export function minimalRepository(ctx: RenderContext, repo: RepoRecord): Record<string, unknown> {
  return { ...core(ctx, repo), ...permissions(ctx) };
}

/** repository: pull request head/base repo, /user/repos items, a fork's parent and source. */
export function repository(ctx: RenderContext, repo: RepoRecord): Record<string, unknown> {
  return memo(ctx, `repository:${repo.id}`, () => core(ctx, repo));
}

/** full-repository: GET /repos/{owner}/{repo}. */
export function fullRepository(ctx: RenderContext, repo: RepoRecord): Record<string, unknown> {
  const owner = repo.owner.type === "Organization" ? { organization: simpleUser(ctx, repo.owner) } : {};
  const fork = repo.parent
    ? { parent: repository(ctx, repo.parent), source: repository(ctx, repo.parent) }
    : {};
  return {
    ...core(ctx, repo),
    ...permissions(ctx),
    temp_clone_token: "",
    allow_squash_merge: true,
    allow_merge_commit: false,
    allow_rebase_merge: false,
    allow_auto_merge: false,
    delete_branch_on_merge: true,
    allow_update_branch: false,
    use_squash_pr_title_as_default: true,
    squash_merge_commit_message: "COMMIT_MESSAGES",
    squash_merge_commit_title: "COMMIT_OR_PR_TITLE",
    merge_commit_message: "PR_TITLE",
    merge_commit_title: "MERGE_MESSAGE",
    custom_properties: {},
    ...owner,
    ...fork,
    network_count: repo.forks,
    subscribers_count: Math.ceil(repo.watchers / 10),
  };
}
