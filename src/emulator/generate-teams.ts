/**
 * The organization's teams: `frontend`, `backend` and `platform` split the members (each member in
 * one, three of them in a second; the first of each team maintains it), and each team has the
 * repositories of its part of the stack (`repo-N` go round the teams).
 */
import type { Account, RepoRecord, TeamPermission, TeamRecord, World } from "./world-types.js";
import type { Rng } from "./prng.js";
import { DAY } from "./time.js";

const TEAMS = [
  ["frontend", "Frontend", "Web, mobile and the design system", ["web", "mobile", "design-system", "docs"]],
  [
    "backend",
    "Backend",
    "APIs and the services behind them",
    ["api", "auth-service", "billing", "search", "analytics", "data-pipeline"],
  ],
  ["platform", "Platform", null, ["infra", "cli", "data-pipeline"]],
] as const;

/** A team record (id 0: assigned later). */
export function newTeam(
  slug: string,
  name: string,
  description: string | null,
  createdAt: number,
): TeamRecord {
  return {
    id: 0,
    slug,
    name,
    description,
    privacy: "closed",
    createdAt,
    updatedAt: createdAt,
    members: [],
    repos: [],
  };
}

/** Lower-case slug of a team name, as GitHub makes it. */
export function teamSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "team"
  );
}

export function generateTeams(world: World, rng: Rng, start: number): TeamRecord[] {
  const teams = TEAMS.map(([slug, name, description]) =>
    newTeam(slug, name, description, start - rng.int(300, 390) * DAY),
  );
  const members = rng.shuffle(world.members);
  members.forEach((account: Account, index) => {
    const team = teams[index % teams.length] as TeamRecord;
    team.members.push({ account, role: team.members.length === 0 ? "maintainer" : "member" });
  });
  for (const account of members.slice(0, 3)) {
    const joined = new Set(teams.filter((team) => team.members.some((m) => m.account === account)));
    const other = rng.pick(teams.filter((team) => !joined.has(team)));
    other.members.push({ account, role: "member" });
  }
  world.repos.forEach((repo: RepoRecord, index) => {
    const named = TEAMS.flatMap(([, , , repos], i) =>
      (repos as readonly string[]).includes(repo.name) ? [i] : [],
    );
    const owners = named.length > 0 ? named : [index % teams.length];
    for (const i of owners) {
      const permission: TeamPermission = rng.pick(["push", "push", "maintain", "admin"]);
      teams[i]?.repos.push({ repo, permission });
    }
  });
  for (const team of teams) team.updatedAt = team.createdAt + rng.int(1, 200) * DAY;
  return teams;
}
