/**
 * The Delivery page's tables: the weekly trend (a CSS bar for the deployments of each week), CI
 * health per workflow, and the incidents. Each scrolls sideways in its own focusable box on a
 * narrow screen, like the Activity table.
 */
import type { ComponentChildren } from "preact";
import type { CiWorkflow, DoraIncident, DoraWeek } from "../../contract/dora.js";
import {
  absoluteTime,
  formatCount,
  formatDuration,
  formatHours,
  formatRatio,
  formatWeek,
} from "../format.js";

function Scroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function WeeklyTrend({ weeks }: { weeks: DoraWeek[] }) {
  const most = Math.max(1, ...weeks.map((week) => week.deployments));
  return (
    <Scroll label="Weekly trend, as a table">
      <table>
        <caption class="visually-hidden">The four keys per week</caption>
        <thead>
          <tr>
            {["Week of", "Deployments", "Days", "Lead time", "Failure rate", "Recovery"].map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.week}>
              <th scope="row">{formatWeek(week.week)}</th>
              <td>
                <span class="dora-bar" aria-hidden="true">
                  <span style={{ width: `${(week.deployments / most) * 100}%` }} />
                </span>{" "}
                {formatCount(week.deployments)}
              </td>
              <td>{formatCount(week.deployment_days)}</td>
              <td>{formatHours(week.lead_time_median_hours)}</td>
              <td>{formatRatio(week.change_failure_rate)}</td>
              <td>{formatHours(week.recovery_median_hours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

export function CiHealth({ workflows }: { workflows: CiWorkflow[] }) {
  if (workflows.length === 0) return <p class="muted">No workflow run completed in the period.</p>;
  return (
    <Scroll label="CI health per workflow">
      <table>
        <caption class="visually-hidden">CI health per workflow</caption>
        <thead>
          <tr>
            {["Repository", "Workflow", "Runs", "Success rate", "Median duration"].map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {workflows.map((row) => (
            <tr key={`${row.repository}:${row.workflow}`}>
              <td class="mono">{row.repository}</td>
              <th scope="row">{row.workflow}</th>
              <td>{formatCount(row.runs)}</td>
              <td>{formatRatio(row.success_rate)}</td>
              <td>{row.median_duration_s === null ? "—" : formatDuration(row.median_duration_s * 1_000)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

export function Incidents({ incidents }: { incidents: DoraIncident[] }) {
  if (incidents.length === 0) return <p class="muted">No incident in the period.</p>;
  return (
    <ul class="dora-list">
      {incidents.map((issue) => (
        <li key={`${issue.repository}#${issue.number}`}>
          <span class="mono">
            {issue.repository}#{issue.number}
          </span>{" "}
          {issue.title} · opened {absoluteTime(issue.created_at)} ·{" "}
          {issue.closed_at ? `closed ${absoluteTime(issue.closed_at)}` : "open"}
          {issue.delivery_id === null ? " · no delivery before it" : ` · after delivery ${issue.delivery_id}`}
        </li>
      ))}
    </ul>
  );
}
