/**
 * The Activity charts' numbers as a table: the text alternative, and the exact values. On a
 * narrow screen it scrolls sideways in its own box (a week per row reads better than a card per
 * week); the box takes the keyboard focus so it can be scrolled without a mouse.
 */
import { formatCount, formatHours, formatWeek } from "../format.js";
import type { ActivityWeek } from "../../contract/metrics.js";

const COLUMNS = ["Week of", "Commits", "PRs opened", "PRs merged", "Reviews", "Cycle time", "Pickup time"];

export function ActivityTable({ weeks }: { weeks: ActivityWeek[] }) {
  return (
    <div class="table-scroll" role="region" aria-label="Activity per week, as a table" tabIndex={0}>
      <table>
        <caption class="visually-hidden">Activity per week</caption>
        <thead>
          <tr>
            {COLUMNS.map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.week}>
              <th scope="row" data-label="Week of">
                {formatWeek(week.week)}
              </th>
              <td data-label="Commits">{formatCount(week.commits)}</td>
              <td data-label="PRs opened">{formatCount(week.prs_opened)}</td>
              <td data-label="PRs merged">{formatCount(week.prs_merged)}</td>
              <td data-label="Reviews">{formatCount(week.reviews)}</td>
              <td data-label="Cycle time">{formatHours(week.cycle_time_hours)}</td>
              <td data-label="Pickup time">{formatHours(week.pickup_time_hours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
