/**
 * `GET /api/metrics/repos/:owner/:repo/teams`: a repository's numbers per team of its
 * organization (teams and members as `sync --org` mirrors them), counting what each team's
 * members authored there in the window — the same rules as the repository's own numbers
 * (pull-stats.ts; commits on the default branch by commit time). A person in two teams counts in
 * both; teams whose members did nothing there are listed with zeros.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../store/database.js";
import { queryRows } from "../store/raw-query.js";
import { pullRequests } from "../store/schema.js";
import type { Distribution } from "./distribution.js";
import { loadPullFacts, openOrClosedSince } from "./load-pull-facts.js";
import { pullStats } from "./pull-stats.js";
import { findRepository } from "./repo-metrics.js";
import type { MetricsOptions } from "./user-metrics.js";
import { parseWindow, type WindowQuery } from "./window.js";

export interface TeamNumbers {
  team: string;
  name: string;
  members: number;
  commits: number;
  prs_opened: number;
  prs_merged: number;
  cycle_time_hours: Distribution;
}

export interface TeamRollup {
  repository: string;
  from: string;
  to: string;
  items: TeamNumbers[];
}

export async function teamRollup(
  db: Db,
  fullName: string,
  query: WindowQuery,
  options: MetricsOptions,
): Promise<TeamRollup> {
  const repo = await findRepository(db, fullName);
  const window = parseWindow(query, "UTC", options.now ?? new Date());
  const members = await queryRows<{ org: string; slug: string; name: string; account_id: string | null }>(
    db,
    sql`select t.org, t.slug, t.name, tm.account_id from teams t
        left join team_members tm on tm.team_id = t.id
        where lower(t.org) = lower(${repo.owner}) and t.deleted_at is null
        order by lower(t.slug)`,
  );
  const teams = new Map<string, { name: string; ids: Set<number> }>();
  for (const row of members) {
    const key = `${row.org}/${row.slug}`;
    const team = teams.get(key) ?? { name: row.name, ids: new Set<number>() };
    if (row.account_id !== null) team.ids.add(Number(row.account_id));
    teams.set(key, team);
  }
  const pulls = await loadPullFacts(
    db,
    sql`${pullRequests.repositoryId} = ${repo.id} and ${pullRequests.createdAt} < ${window.to} and ${openOrClosedSince(window.from)}`,
    options.botLogins,
  );
  const commitAuthors = await queryRows<{ author_id: string; n: string }>(
    db,
    sql`select author_id, count(*) as n from commits
        where repository_id = ${repo.id} and on_default_branch and author_id is not null
          and committed_at >= ${window.from} and committed_at < ${window.to}
        group by author_id`,
  );
  const items = [...teams].map(([team, { name, ids }]) => {
    const theirs = pulls.filter((pull) => pull.authorId !== null && ids.has(pull.authorId));
    const stats = pullStats(theirs, window);
    return {
      team,
      name,
      members: ids.size,
      commits: commitAuthors
        .filter((row) => ids.has(Number(row.author_id)))
        .reduce((sum, row) => sum + Number(row.n), 0),
      prs_opened: stats.prs_opened,
      prs_merged: stats.prs_merged,
      cycle_time_hours: stats.cycle_time_hours,
    };
  });
  return { repository: repo.fullName, from: window.from.toISOString(), to: window.to.toISOString(), items };
}
