/**
 * Organization teams and their members (pure). A team's organization is read from its `html_url`
 * (`…/orgs/{org}/teams/{slug}`), which the list and every webhook carry alike, so a team reads the
 * same whichever way it arrived; `org` is the fallback when a URL does not say.
 */
import type { teamMembers, teams } from "../store/schema.js";
import type { GitHubTeam, GitHubTeamMember } from "./github-delivery-types.js";
import { toId } from "./ids.js";

export type TeamRow = typeof teams.$inferInsert;
export type TeamMemberRow = typeof teamMembers.$inferInsert;
export type TeamRole = "member" | "maintainer";

export function teamOrgOf(team: Pick<GitHubTeam, "html_url">, org: string): string {
  const match = /\/orgs\/([^/]+)\/teams\//.exec(team.html_url ?? "");
  return match?.[1] ? decodeURIComponent(match[1]) : org;
}

/**
 * A team row. Webhook payloads may leave `parent` out: then the stored parent is kept (the column is
 * left out of the row, and an upsert writes only the columns a row has).
 */
export function normalizeTeam(org: string, team: GitHubTeam): TeamRow {
  return {
    id: toId(team.id),
    org: teamOrgOf(team, org),
    slug: team.slug,
    name: team.name,
    description: team.description ?? null,
    privacy: team.privacy ?? null,
    ...("parent" in team && team.parent !== undefined
      ? { parentId: team.parent ? toId(team.parent.id) : null }
      : {}),
    deletedAt: null,
  };
}

/** A member of a team; without a role (a `membership` delivery says none) the stored one is kept. */
export function normalizeTeamMember(
  teamId: number,
  member: GitHubTeamMember,
  role?: TeamRole,
): TeamMemberRow {
  return {
    teamId,
    accountId: toId(member.id),
    login: member.login,
    ...(role ? { role } : {}),
  };
}
