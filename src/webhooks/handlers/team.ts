/**
 * `team` (created, edited, deleted, added_to_repository, removed_from_repository) and `membership`
 * (added, removed; scope `team`): organization-level, so no repository row is needed. The team is
 * written from the payload; `team.deleted` tombstones it and removes its members, and a late
 * delivery never brings a deleted team back (GitHub does not reuse team ids). `membership.added`
 * writes the member with the role the mirror has for it (`member` when new: the payload does not
 * say), unless the team is deleted; `removed` deletes the row. A `membership` of a team deleted
 * since carries only `{id, name, deleted: true}`: the member goes and the team is tombstoned.
 * Membership payloads carry no time: a late `added` after a `removed` re-adds the member until
 * the next read of the lists (fetches are truth).
 * https://docs.github.com/webhooks/webhook-events-and-payloads#team
 * https://docs.github.com/webhooks/webhook-events-and-payloads#membership
 */
import type { GitHubTeam, GitHubTeamMember } from "../../normalize/github-delivery-types.js";
import { toId } from "../../normalize/ids.js";
import type { Db } from "../../store/database.js";
import { teams } from "../../store/schema.js";
import { isTombstoned } from "../../store/tombstones.js";
import { applyTeamMember, applyTeams, removeTeamMember, removeTeams } from "../../mirror/apply-teams.js";
import type { HandlerResult, WebhookPayload } from "../payload.js";

interface TeamPayload {
  action?: string;
  scope?: string;
  organization?: { login: string };
  /** A deleted team in a `membership` delivery: `{ id, name, deleted: true }` only. */
  team?: GitHubTeam | { id: number; name: string; deleted: true };
  member?: GitHubTeamMember;
}

const isDeletedTeam = (team: NonNullable<TeamPayload["team"]>): boolean => "deleted" in team && team.deleted;

export async function onTeam(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  const { team, organization, action } = payload as TeamPayload;
  if (!team || !organization) return { status: "ignored", reason: "no team or organization in the payload" };
  if (!isDeletedTeam(team)) await applyTeams(tx, organization.login, [team as GitHubTeam], { revive: false });
  if (action === "deleted" || isDeletedTeam(team)) await removeTeams(tx, [toId(team.id)]);
  return { status: "processed" };
}

export async function onMembership(tx: Db, payload: WebhookPayload): Promise<HandlerResult> {
  const { team, organization, member, action, scope } = payload as TeamPayload;
  if (scope !== undefined && scope !== "team")
    return { status: "ignored", reason: `membership scope ${scope}` };
  if (!team || !organization || !member)
    return { status: "ignored", reason: "no team, organization or member in the payload" };
  const teamId = toId(team.id);
  if (isDeletedTeam(team)) await removeTeams(tx, [teamId]);
  else await applyTeams(tx, organization.login, [team as GitHubTeam], { revive: false });
  // A team deleted before this delivery was processed keeps no members.
  if (action === "added" && !(await isTombstoned(tx, teams, teamId)))
    await applyTeamMember(tx, teamId, member);
  else if (action === "added")
    return { status: "processed", reason: "the team was deleted: no member added" };
  else if (action === "removed") await removeTeamMember(tx, teamId, member);
  else return { status: "ignored", reason: `membership action ${action ?? "(none)"}` };
  return { status: "processed" };
}
