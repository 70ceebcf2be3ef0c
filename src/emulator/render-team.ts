/** Organization teams in GitHub's shapes: `team`, `team-full`, `team-member`, `team-membership`. */
import type { Account, TeamRecord, TeamRole } from "./world-types.js";
import type { RenderContext } from "./render-context.js";
import { simpleUser } from "./render-user.js";
import { nodeId } from "./ids.js";
import { iso } from "./time.js";

type Json = Record<string, unknown>;

function teamApiUrl(ctx: RenderContext, team: TeamRecord): string {
  return `${ctx.base}/organizations/${ctx.world.org.id}/team/${team.id}`;
}

export function renderTeam(ctx: RenderContext, team: TeamRecord): Json {
  const url = teamApiUrl(ctx, team);
  return {
    id: team.id,
    node_id: nodeId("Team", team.id),
    url,
    html_url: `${ctx.base}/orgs/${ctx.world.org.login}/teams/${team.slug}`,
    name: team.name,
    slug: team.slug,
    description: team.description,
    privacy: team.privacy,
    notification_setting: "notifications_enabled",
    permission: "pull",
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    type: "organization",
    organization_id: ctx.world.org.id,
    parent: null,
  };
}

/** team-organization: the organization as GET /orgs/{org} shows it to a member. */
function teamOrganization(ctx: RenderContext, org: Account, repos: number): Json {
  const api = `${ctx.base}/orgs/${encodeURIComponent(org.login)}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId("Organization", org.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `${ctx.base}/_emulator/avatars/u/${org.id}?v=4`,
    description: org.bio,
    name: org.name ?? org.login,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: repos,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${ctx.base}/${org.login}`,
    created_at: iso(org.createdAt),
    updated_at: iso(org.createdAt),
    archived_at: null,
    type: "Organization",
  };
}

export function renderTeamFull(ctx: RenderContext, team: TeamRecord): Json {
  const publicRepos = ctx.world.repos.filter((repo) => !repo.deleted && !repo.private).length;
  return {
    ...renderTeam(ctx, team),
    members_count: team.members.length,
    repos_count: team.repos.filter(({ repo }) => !repo.deleted).length,
    created_at: iso(team.createdAt),
    updated_at: iso(team.updatedAt),
    organization: teamOrganization(ctx, ctx.world.org, publicRepos),
  };
}

export function renderTeamMembership(
  ctx: RenderContext,
  team: TeamRecord,
  login: string,
  role: TeamRole,
): Json {
  return {
    url: `${teamApiUrl(ctx, team)}/memberships/${encodeURIComponent(login)}`,
    role,
    state: "active",
  };
}

export const renderTeamMember = simpleUser;
