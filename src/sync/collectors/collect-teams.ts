/**
 * An organization's teams and their members (`sync --org`, and the scheduler of `serve` for the
 * organizations it tracks): GET /orgs/{org}/teams, then for each team its members twice, by role
 * (`role=maintainer`, `role=member`: two lists instead of a membership request per member), each
 * written on its own. Every list is conditional on its stored ETag, so a run where nothing changed costs only 304s (0 points).
 * A team no longer listed is tombstoned, a member no longer listed deleted (mirror/apply-teams.ts).
 * Teams are not readable with every credential (a fine-grained token without the organization's
 * members permission gets 403, a user's account 404): that is logged once, not a failure.
 * https://docs.github.com/rest/teams/teams#list-teams
 * https://docs.github.com/rest/teams/members#list-team-members
 */
import type { GitHubTeam, GitHubTeamMember } from "../../normalize/github-delivery-types.js";
import { toId } from "../../normalize/ids.js";
import { teamOrgOf, type TeamRole } from "../../normalize/normalize-team.js";
import { saveEtag } from "../../store/checkpoints.js";
import { liveTeams, type StoredTeam } from "../../store/teams.js";
import { applyTeamList, applyTeamMemberList } from "../../mirror/apply-teams.js";
import { isGhsyncError } from "../../util/errors.js";
import type { SyncContext } from "../context.js";
import { eachConcurrently } from "../each-concurrently.js";
import { PER_PAGE, readWholeList } from "../read-whole-list.js";

const ROLES: TeamRole[] = ["maintainer", "member"];

/** Organizations whose teams this process could not read: said once, not at every run. */
const unreadable = new Set<string>();

/**
 * Reads the organization's teams and members into the mirror; false when the credential may not.
 * `fresh`: every list read whole, without its stored ETag (`--refetch`).
 */
export async function collectTeams(ctx: SyncContext, org: string, fresh = false): Promise<boolean> {
  try {
    const teams = await collectTeamList(ctx, org, fresh);
    const task = ctx.progress.task(`${org} team members`);
    task.expect(teams.length * ROLES.length);
    await eachConcurrently(teams, ctx.concurrency, async (team) => {
      task.advance(await collectMembers(ctx, org, team, fresh));
    });
    task.finish();
    unreadable.delete(org.toLowerCase());
    return true;
  } catch (error) {
    if (!(isGhsyncError(error) && (error.code === "forbidden" || error.code === "not_found"))) throw error;
    if (!unreadable.has(org.toLowerCase()))
      ctx.log.warn(
        { org, err: error },
        `the teams of ${org} are not readable with this credential (${error.message}): teams and members are not mirrored; give the token the organization's Members (read) permission to mirror them`,
      );
    unreadable.add(org.toLowerCase());
    return false;
  }
}

/** The team list (whole, with its ETag); on a 304 the teams the mirror holds. */
async function collectTeamList(ctx: SyncContext, org: string, fresh: boolean): Promise<StoredTeam[]> {
  const url = `/orgs/${encodeURIComponent(org)}/teams?per_page=${PER_PAGE}`;
  const read = await readWholeList<GitHubTeam>(ctx, url, { fresh });
  if (read.unchanged) return liveTeams(ctx.db, org);
  const login = read.items[0] ? teamOrgOf(read.items[0], org) : org;
  await ctx.db.transaction(async (tx) => {
    await applyTeamList(tx, login, read.items);
    await saveEtag(tx, read.url, read.etag);
  });
  return read.items.map((team) => ({ id: toId(team.id), slug: team.slug }));
}

/** Both role lists of one team, each written on its own when it changed; returns the requests made. */
async function collectMembers(
  ctx: SyncContext,
  org: string,
  team: StoredTeam,
  fresh: boolean,
): Promise<number> {
  const base = `/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(team.slug)}/members`;
  let requests = 0;
  for (const role of ROLES) {
    const read = await readWholeList<GitHubTeamMember>(ctx, `${base}?role=${role}&per_page=${PER_PAGE}`, {
      fresh,
    });
    requests += read.requests;
    if (read.unchanged) continue;
    await ctx.db.transaction(async (tx) => {
      await applyTeamMemberList(tx, team.id, role, read.items);
      await saveEtag(tx, read.url, read.etag);
    });
  }
  return requests;
}
