/** The public leaderboard (`/api/public/leaderboard`): people who opted in, their last 30 days. */
import { api } from "../api.js";
import { Empty, Failure, Loading } from "../components/states.js";
import { formatCount } from "../format.js";
import type { Leaderboard } from "../../contract/metrics.js";
import { useResource } from "../use-resource.js";

export function LeaderboardPanel() {
  const board = useResource(() => api.get<Leaderboard>("/api/public/leaderboard"), "leaderboard", 60_000);
  return (
    <section aria-labelledby="leaderboard-heading">
      <h2 id="leaderboard-heading">Leaderboard</h2>
      {board.error && <Failure what="the leaderboard" error={board.error} onRetry={board.reload} />}
      {!board.data && !board.error && <Loading what="the leaderboard" />}
      {board.data?.items.length === 0 && (
        <Empty>
          <p>Nobody is on the leaderboard yet: a person joins it from their streak settings above.</p>
        </Empty>
      )}
      {board.data && board.data.items.length > 0 && (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">
              Public commits and merged pull requests of the last 30 days
            </caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Person</th>
                <th scope="col">Commits, 30 days</th>
                <th scope="col">PRs merged</th>
                <th scope="col">Streak</th>
              </tr>
            </thead>
            <tbody>
              {board.data.items.map((entry) => (
                <tr key={entry.login}>
                  <td>{entry.rank}</td>
                  <th scope="row">{entry.name ?? entry.login}</th>
                  <td>{formatCount(entry.commits)}</td>
                  <td>{formatCount(entry.pull_requests_merged)}</td>
                  <td>{formatCount(entry.streak_days)} d</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
