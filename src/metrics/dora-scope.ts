/**
 * Whose deliveries a DORA report covers (docs/dora.md, "Scopes"): named repositories, an
 * organization's repositories in the mirror, or a team — its organization's repositories, and only
 * the changes its members authored. A name the mirror does not hold is a 404 that says what to do.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DoraReport } from "../contract/dora.js";
import type { Db } from "../store/database.js";
import { repositories, teamMembers, teams } from "../store/schema.js";
import { GhsyncError } from "../util/errors.js";
import type { DoraRepository } from "./dora-rows.js";

export interface DoraScope {
  view: DoraReport["scope"];
  repositories: DoraRepository[];
  /** A team scope: the accounts of its members; else null. */
  teamMemberIds: number[] | null;
}

const notFound = (message: string) => new GhsyncError("not_found", message, { status: 404 });

const columns = {
  id: repositories.id,
  fullName: repositories.fullName,
  defaultBranch: repositories.defaultBranch,
};

async function ofOrg(db: Db, org: string): Promise<DoraRepository[]> {
  return db
    .select(columns)
    .from(repositories)
    .where(and(sql`lower(${repositories.owner}) = lower(${org})`, isNull(repositories.deletedAt)))
    .orderBy(asc(repositories.fullName));
}

async function named(db: Db, names: readonly string[]): Promise<DoraRepository[]> {
  const lower = [...new Set(names.map((name) => name.toLowerCase()))];
  const found = await db
    .select(columns)
    .from(repositories)
    .where(and(inArray(sql`lower(${repositories.fullName})`, lower), isNull(repositories.deletedAt)))
    .orderBy(asc(repositories.fullName));
  const missing = lower.filter((name) => !found.some((repo) => repo.fullName.toLowerCase() === name));
  if (missing.length > 0) {
    const them = missing.length === 1 ? "it" : "them";
    throw notFound(
      `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not in the mirror: track ${them} and sync (ghsync sync ${missing.join(" ")})`,
    );
  }
  return found;
}

export async function resolveDoraScope(
  db: Db,
  scope: { repo?: string[] | undefined; org?: string | undefined; team?: string | undefined },
): Promise<DoraScope> {
  if (scope.team) {
    const [org = "", slug = ""] = scope.team.split("/");
    const [team] = await db
      .select({ id: teams.id, org: teams.org, slug: teams.slug })
      .from(teams)
      .where(
        and(
          sql`lower(${teams.org}) = lower(${org})`,
          sql`lower(${teams.slug}) = lower(${slug})`,
          isNull(teams.deletedAt),
        ),
      );
    if (!team)
      throw notFound(
        `no team ${scope.team} in the mirror: sync its organization first (ghsync sync --org ${org})`,
      );
    const members = await db
      .select({ id: teamMembers.accountId })
      .from(teamMembers)
      .where(eq(teamMembers.teamId, team.id));
    const repos = await ofOrg(db, team.org);
    return {
      view: {
        kind: "team",
        org: team.org,
        team: `${team.org}/${team.slug}`,
        repositories: repos.map((r) => r.fullName),
      },
      repositories: repos,
      teamMemberIds: members.map((member) => member.id),
    };
  }
  if (scope.org) {
    const repos = await ofOrg(db, scope.org);
    if (repos.length === 0)
      throw notFound(
        `no repository of ${scope.org} is in the mirror: sync it first (ghsync sync --org ${scope.org})`,
      );
    return {
      view: { kind: "org", org: scope.org, team: null, repositories: repos.map((r) => r.fullName) },
      repositories: repos,
      teamMemberIds: null,
    };
  }
  const repos = await named(db, scope.repo ?? []);
  return {
    view: { kind: "repositories", org: null, team: null, repositories: repos.map((r) => r.fullName) },
    repositories: repos,
    teamMemberIds: null,
  };
}
