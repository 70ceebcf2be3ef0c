/**
 * Writing organization teams and their members into the mirror, for the sync (whole lists) and the
 * `team` and `membership` webhooks (one change each). Teams are keyed by id and tombstoned when
 * GitHub no longer lists them or deletes them; a member is a fact of the present, so a member no
 * longer listed is deleted, not tombstoned.
 */
import type { GitHubTeam, GitHubTeamMember } from "../normalize/github-delivery-types.js";
import { toId } from "../normalize/ids.js";
import { normalizeTeam, normalizeTeamMember, type TeamRole } from "../normalize/normalize-team.js";
import type { Db } from "../store/database.js";
import { teamMembers, teams } from "../store/schema.js";
import { deleteMember, deleteMembersExcept, deleteMembersOf, liveTeams } from "../store/teams.js";
import { markDeleted } from "../store/tombstones.js";
import { upsertRows } from "../store/upsert.js";
import { applyAccounts } from "./apply.js";

/**
 * Teams as GitHub shows them. A list read is the truth: a team it shows is live. A webhook is a hint
 * (`revive: false`): GitHub never reuses a team's id, so a delivery of a team the mirror holds as
 * deleted is an older one arriving late, and leaves the tombstone.
 */
export async function applyTeams(
  tx: Db,
  org: string,
  list: readonly GitHubTeam[],
  options: { revive: boolean } = { revive: true },
): Promise<number> {
  return upsertRows(
    tx,
    teams,
    list.map((team) => {
      const row = normalizeTeam(org, team);
      if (options.revive) return row;
      const { deletedAt: _kept, ...rest } = row;
      return rest;
    }),
    { key: [teams.id] },
  );
}

/** The organization's whole team list: teams it no longer holds are tombstoned, their members gone. */
export async function applyTeamList(tx: Db, org: string, list: readonly GitHubTeam[]): Promise<number> {
  const written = await applyTeams(tx, org, list);
  const listed = new Set(list.map((team) => toId(team.id)));
  const gone = (await liveTeams(tx, org)).filter((team) => !listed.has(team.id)).map((team) => team.id);
  await removeTeams(tx, gone);
  return written;
}

/** Teams GitHub deleted: tombstones, and no members. */
export async function removeTeams(tx: Db, ids: readonly number[]): Promise<void> {
  await markDeleted(tx, teams, ids, new Date());
  await deleteMembersOf(tx, ids);
}

/**
 * The team's whole member list of one role (GitHub lists members by role): members of that role it
 * no longer holds are deleted. A member who changed role is written with the new one by the other
 * list, in either order (only rows still of this role are deleted). Returns rows changed.
 */
export async function applyTeamMemberList(
  tx: Db,
  teamId: number,
  role: TeamRole,
  members: readonly GitHubTeamMember[],
): Promise<number> {
  await applyAccounts(tx, members);
  const written = await upsertRows(
    tx,
    teamMembers,
    members.map((member) => normalizeTeamMember(teamId, member, role)),
    { key: [teamMembers.teamId, teamMembers.accountId] },
  );
  const removed = await deleteMembersExcept(
    tx,
    teamId,
    role,
    members.map((member) => toId(member.id)),
  );
  return written + removed;
}

/** One member added (`membership.added`): the role is not in the payload, a stored one is kept. */
export async function applyTeamMember(tx: Db, teamId: number, member: GitHubTeamMember): Promise<void> {
  await applyAccounts(tx, [member]);
  await upsertRows(tx, teamMembers, [normalizeTeamMember(teamId, member)], {
    key: [teamMembers.teamId, teamMembers.accountId],
  });
}

export async function removeTeamMember(tx: Db, teamId: number, member: GitHubTeamMember): Promise<void> {
  await deleteMember(tx, teamId, toId(member.id));
}
