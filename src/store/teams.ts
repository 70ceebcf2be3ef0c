/** Queries of the organization teams and their members (the upserts go through upsert.ts). */
import { and, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { Db } from "./database.js";
import { teamMembers, teams } from "./schema.js";

export interface StoredTeam {
  id: number;
  slug: string;
}

/** The organization's teams the mirror holds as live (not tombstoned). */
export function liveTeams(db: Db, org: string): Promise<StoredTeam[]> {
  return db
    .select({ id: teams.id, slug: teams.slug })
    .from(teams)
    .where(and(sql`lower(${teams.org}) = lower(${org})`, isNull(teams.deletedAt)))
    .orderBy(teams.id);
}

/** Removes the team's members of `role` other than `keep` (account ids); returns how many went. */
export async function deleteMembersExcept(
  db: Db,
  teamId: number,
  role: string,
  keep: readonly number[],
): Promise<number> {
  const rows = await db
    .delete(teamMembers)
    .where(
      and(
        eq(teamMembers.teamId, teamId),
        eq(teamMembers.role, role),
        ...(keep.length > 0 ? [notInArray(teamMembers.accountId, [...keep])] : []),
      ),
    )
    .returning({ accountId: teamMembers.accountId });
  return rows.length;
}

export async function deleteMember(db: Db, teamId: number, accountId: number): Promise<number> {
  const rows = await db
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.accountId, accountId)))
    .returning({ accountId: teamMembers.accountId });
  return rows.length;
}

/** Every member of these teams goes (the teams were deleted). */
export async function deleteMembersOf(db: Db, teamIds: readonly number[]): Promise<void> {
  if (teamIds.length === 0) return;
  await db.delete(teamMembers).where(inArray(teamMembers.teamId, [...teamIds]));
}
