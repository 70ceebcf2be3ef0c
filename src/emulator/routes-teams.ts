/**
 * Organization teams: GET /orgs/{org}/teams, /orgs/{org}/teams/{slug}, …/members
 * (`role=all|member|maintainer`), …/memberships/{login} (404 for a non-member) and …/repos. Teams
 * are visible to members only: anonymous requests get a 404, like an unknown organization.
 */
import type { ApiRequest, ApiResponse } from "./api-types.js";
import type { TeamRecord } from "./world-types.js";
import { notFound, ok } from "./api-types.js";
import { paginate } from "./paginate.js";
import { minimalRepository } from "./render-repository.js";
import { renderTeam, renderTeamFull, renderTeamMember, renderTeamMembership } from "./render-team.js";

const DOCS = {
  list: "https://docs.github.com/rest/teams/teams#list-teams",
  team: "https://docs.github.com/rest/teams/teams#get-a-team-by-name",
  membership: "https://docs.github.com/rest/teams/members#get-team-membership-for-a-user",
};

type Params = Record<string, string>;

function orgOk(req: ApiRequest, params: Params): boolean {
  return (
    req.ctx.viewer !== null && (params.org ?? "").toLowerCase() === req.ctx.world.org.login.toLowerCase()
  );
}

function teamOf(req: ApiRequest, params: Params): TeamRecord | undefined {
  if (!orgOk(req, params)) return undefined;
  return req.ctx.world.teams.find((team) => team.slug === params.slug);
}

/** Absolute Link base: GitHub writes organization lists with the organization id. */
function linkBase(req: ApiRequest, rest: string): string {
  return `${req.ctx.base}/organizations/${req.ctx.world.org.id}${rest}`;
}

export function listTeams(req: ApiRequest, params: Params): ApiResponse {
  if (!orgOk(req, params)) return notFound(DOCS.list);
  const page = paginate(req.ctx.world.teams, req.query, linkBase(req, "/teams"));
  return ok(
    page.items.map((team) => renderTeam(req.ctx, team)),
    page.link,
  );
}

export function getTeam(req: ApiRequest, params: Params): ApiResponse {
  const team = teamOf(req, params);
  return team ? ok(renderTeamFull(req.ctx, team)) : notFound(DOCS.team);
}

export function listTeamMembers(req: ApiRequest, params: Params): ApiResponse {
  const team = teamOf(req, params);
  if (!team) return notFound(DOCS.team);
  const role = req.query.get("role");
  const members = team.members.filter((m) => !role || role === "all" || m.role === role);
  const page = paginate(members, req.query, linkBase(req, `/team/${team.id}/members`));
  return ok(
    page.items.map((member) => renderTeamMember(req.ctx, member.account)),
    page.link,
  );
}

export function getTeamMembership(req: ApiRequest, params: Params): ApiResponse {
  const team = teamOf(req, params);
  const login = (params.login ?? "").toLowerCase();
  const member = team?.members.find((m) => m.account.login.toLowerCase() === login);
  return team && member
    ? ok(renderTeamMembership(req.ctx, team, member.account.login, member.role))
    : notFound(DOCS.membership);
}

export function listTeamRepos(req: ApiRequest, params: Params): ApiResponse {
  const team = teamOf(req, params);
  if (!team) return notFound(DOCS.team);
  const repos = team.repos.filter(({ repo }) => !repo.deleted && (!req.canSee || req.canSee(repo)));
  const page = paginate(repos, req.query, linkBase(req, `/team/${team.id}/repos`));
  return ok(
    page.items.map(({ repo }) => minimalRepository(req.ctx, repo)),
    page.link,
  );
}

type TeamHandler = (req: ApiRequest, params: Params) => ApiResponse;

/**
 * The same handler reached the way GitHub's Link headers write it:
 * /organizations/{org id}/teams and /organizations/{org id}/team/{team id}/….
 */
export function byIds(handler: TeamHandler): TeamHandler {
  return (req, params) => {
    const { org, teams } = req.ctx.world;
    if (String(org.id) !== params.id) return notFound(DOCS.list);
    const team = params.team === undefined ? undefined : teams.find((t) => String(t.id) === params.team);
    if (params.team !== undefined && !team) return notFound(DOCS.team);
    return handler(req, { org: org.login, slug: team?.slug ?? "" });
  };
}
