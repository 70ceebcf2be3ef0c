/**
 * Activity: commits, pull requests opened and merged, and reviews per week, and the weekly median
 * cycle and pickup time, for the whole mirror, a repository and/or a person (GET
 * /api/metrics/activity); the same numbers as a table under the charts.
 */
import { useState } from "preact/hooks";
import { api, query } from "../api.js";
import { Empty, Failure, Loading } from "../components/states.js";
import { WeeklyChart } from "../components/weekly-chart.js";
import { formatCount, formatHours, formatWeek } from "../format.js";
import type { ActivityReport, ActivityWeek } from "../../contract/metrics.js";
import { useResource } from "../use-resource.js";
import { personPath, repositoryPath } from "../paths.js";
import { Link } from "../router.js";
import { ActivityFilters, defaultFilter } from "./activity-filters.js";
import { ActivityTable } from "./activity-table.js";

const COLORS = {
  commits: "--series-1",
  opened: "--series-2",
  merged: "--series-3",
  reviews: "--series-4",
  pickup: "--series-5",
} as const;

const total = (weeks: ActivityWeek[], key: "commits" | "prs_opened" | "prs_merged" | "reviews") =>
  weeks.reduce((sum, week) => sum + week[key], 0);

function latestOf(weeks: ActivityWeek[], key: "cycle_time_hours" | "pickup_time_hours"): string {
  const week = weeks.findLast((entry) => entry[key] !== null);
  return week ? `${formatHours(week[key])} in the week of ${formatWeek(week.week)}` : "none yet";
}

function Charts({ weeks }: { weeks: ActivityWeek[] }) {
  const labels = weeks.map((week) => formatWeek(week.week));
  const pick = (key: keyof Omit<ActivityWeek, "week">) => weeks.map((week) => week[key]);
  const counts = `${formatCount(total(weeks, "prs_opened"))} opened, ${formatCount(total(weeks, "prs_merged"))} merged, ${formatCount(total(weeks, "reviews"))} reviews`;
  return (
    <div class="charts">
      <WeeklyChart
        title="Commits per week"
        kind="bar"
        unit="commits"
        labels={labels}
        series={[{ label: "Commits", values: pick("commits"), color: COLORS.commits }]}
        summary={`${formatCount(total(weeks, "commits"))} commits over ${weeks.length} weeks`}
      />
      <WeeklyChart
        title="Pull requests and reviews per week"
        kind="bar"
        unit="count"
        labels={labels}
        series={[
          { label: "PRs opened", values: pick("prs_opened"), color: COLORS.opened },
          { label: "PRs merged", values: pick("prs_merged"), color: COLORS.merged },
          { label: "Reviews", values: pick("reviews"), color: COLORS.reviews },
        ]}
        summary={counts}
      />
      <WeeklyChart
        title="Cycle and pickup time (weekly median, hours)"
        kind="line"
        unit="hours"
        labels={labels}
        series={[
          { label: "Cycle time", values: pick("cycle_time_hours"), color: COLORS.merged },
          { label: "Pickup time", values: pick("pickup_time_hours"), color: COLORS.pickup },
        ]}
        emptyNote="No pull request was merged or first reviewed in these weeks."
        summary={`latest cycle time ${latestOf(weeks, "cycle_time_hours")}; latest pickup time ${latestOf(weeks, "pickup_time_hours")}`}
      />
    </div>
  );
}

const subject = (report: ActivityReport) =>
  [
    report.user ? `of ${report.user}` : "of everyone",
    report.repository ? `in ${report.repository}` : "in every repository",
  ].join(" ");

export function ActivityPage() {
  const [filter, setFilter] = useState(defaultFilter);
  const report = useResource(
    () => api.get<ActivityReport>(`/api/metrics/activity${query({ ...filter })}`),
    JSON.stringify(filter),
    30_000,
  );
  const weeks = report.data?.weeks ?? [];
  const quiet = weeks.every((week) => week.commits + week.prs_opened + week.prs_merged + week.reviews === 0);
  return (
    <>
      <h1>Activity</h1>
      <ActivityFilters initial={filter} onApply={setFilter} />
      {(filter.user || filter.repo) && (
        <p class="page-links">
          {filter.user && <Link href={personPath(filter.user)}>{filter.user}'s page</Link>}
          {filter.repo && <Link href={repositoryPath(filter.repo)}>{filter.repo}'s page</Link>}
        </p>
      )}
      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading">Per week{report.data && ` ${subject(report.data)}`}</h2>
        {report.error && <Failure what="the activity" error={report.error} onRetry={report.reload} />}
        {!report.data && !report.error && <Loading what="activity" />}
        {report.data && quiet && (
          <Empty>
            <p>
              No commit, pull request or review {subject(report.data)} between {filter.from} and {filter.to}.
              Track a repository (or widen the dates) and its history appears here.
            </p>
          </Empty>
        )}
        {report.data && !quiet && (
          <>
            <Charts weeks={weeks} />
            <h3>The numbers</h3>
            <ActivityTable weeks={weeks} />
          </>
        )}
      </section>
    </>
  );
}
