/** A repository's numbers per team of its organization, each count opening the team's rows there. */
import { api } from "../api.js";
import type { DrillDown } from "../components/row-list.js";
import { Failure } from "../components/states.js";
import { formatCount, formatHours } from "../format.js";
import type { TeamRollup } from "../../contract/metrics.js";
import { useResource } from "../use-resource.js";
import { commitsDrill, pullsDrill, within } from "./drill-downs.js";

export function RepositoryTeams(props: {
  base: string;
  metricsPath: string;
  onOpen: (drill: DrillDown) => void;
}) {
  const rollup = useResource(() => api.get<TeamRollup>(props.metricsPath), props.metricsPath);
  if (rollup.error) return <Failure what="the teams" error={rollup.error} onRetry={rollup.reload} />;
  const data = rollup.data;
  if (!data || data.items.length === 0) return null; // no team known in this organization
  const range = within(data);
  const cell = (label: string, value: string, drill: DrillDown) => (
    <td data-label={label}>
      <button
        type="button"
        class="figure-link"
        aria-label={`${drill.title}: ${value}, show them`}
        onClick={() => props.onOpen(drill)}
      >
        {value}
      </button>
    </td>
  );
  return (
    <section aria-labelledby="teams-heading">
      <h2 id="teams-heading">Teams</h2>
      <table class="cards">
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Members</th>
            <th scope="col">Commits</th>
            <th scope="col">PRs opened</th>
            <th scope="col">PRs merged</th>
            <th scope="col">Cycle time (median)</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((team) => {
            const merged = pullsDrill(props.base, `${team.name}: pull requests merged`, {
              ...range,
              team: team.team,
              state: "merged",
              date: "merged",
            });
            return (
              <tr key={team.team}>
                <th scope="row">{team.name}</th>
                <td data-label="Members">{formatCount(team.members)}</td>
                {cell(
                  "Commits",
                  formatCount(team.commits),
                  commitsDrill(props.base, `${team.name}: commits`, { ...range, team: team.team }),
                )}
                {cell(
                  "PRs opened",
                  formatCount(team.prs_opened),
                  pullsDrill(props.base, `${team.name}: pull requests opened`, { ...range, team: team.team }),
                )}
                {cell("PRs merged", formatCount(team.prs_merged), merged)}
                {cell("Cycle time (median)", formatHours(team.cycle_time_hours.median), {
                  ...merged,
                  title: `${team.name}: cycle time of the merged pull requests`,
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
