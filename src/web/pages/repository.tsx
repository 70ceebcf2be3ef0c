/**
 * A repository's page (`/repos/:owner/:repo`): health score and its parts, pull request timings,
 * activity and throughput, issues by severity with SLA breaches, sync state and last
 * verification, and the teams whose members worked there; every count opens the rows behind it
 * (with CSV and JSON export).
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { DrillFigures, type DrillFigure } from "../components/drill-figures.js";
import { Figures } from "../components/figures.js";
import { PeriodSelect, usePeriod } from "../components/period-select.js";
import { RowList, type DrillDown } from "../components/row-list.js";
import { Failure, Loading } from "../components/states.js";
import { StatusBadge } from "../components/status-badge.js";
import { formatCount, formatWeek, relativeTime } from "../format.js";
import type { RepositoryMetrics } from "../../contract/metrics.js";
import type { Repository } from "../../contract/repositories.js";
import { useNow, useResource } from "../use-resource.js";
import {
  commitsDrill,
  issuesDrill,
  pullCountFigures,
  pullTimingFigures,
  pullsDrill,
  reviewsDrill,
  within,
} from "./drill-downs.js";
import { RepositoryTeams } from "./repository-teams.js";
import { Throughput } from "./throughput.js";

function pullFigures(report: RepositoryMetrics, base: string): DrillFigure[] {
  const range = within(report);
  return [
    ...pullCountFigures(report, base),
    ...pullTimingFigures(report, base),
    {
      name: "Merged without review",
      value: formatCount(report.merged_without_review),
      drill: pullsDrill(base, "Merged without a review by someone else", {
        ...range,
        state: "merged",
        date: "merged",
        reviewed: "false",
      }),
    },
    {
      name: "Commits",
      value: formatCount(report.commits),
      drill: commitsDrill(base, "Commits on the default branch", range),
    },
    {
      name: "Reviews",
      value: formatCount(report.reviews),
      drill: reviewsDrill(base, "Reviews of someone else's pull request", { ...range, others_only: "true" }),
    },
    { name: "Contributors", value: formatCount(report.contributors) },
  ];
}

function issueFigures(report: RepositoryMetrics, base: string): DrillFigure[] {
  const range = within(report);
  const open = (title: string, extra: Record<string, string>) =>
    issuesDrill(base, title, { state: "open", ...extra });
  const severity = report.issues.open_by_severity;
  return [
    {
      name: "Opened",
      value: formatCount(report.issues.opened),
      drill: issuesDrill(base, "Issues opened", { ...range, state: "all" }),
    },
    {
      name: "Closed",
      value: formatCount(report.issues.closed),
      drill: issuesDrill(base, "Issues closed", { ...range, state: "all", date: "closed" }),
    },
    { name: "Open", value: formatCount(report.issues.open), drill: open("Open issues by priority", {}) },
    {
      name: "Over SLA",
      value: formatCount(report.issues.open_over_sla),
      drill: open("Open issues over their SLA", { sla_breached: "true" }),
    },
    {
      name: "Blockers",
      value: formatCount(report.issues.open_blockers),
      drill: open("Open blockers", { blocker: "true" }),
    },
    ...(["critical", "high", "medium", "low"] as const).map((level) => ({
      name: `Open ${level}`,
      value: formatCount(severity[level]),
      drill: open(`Open ${level} issues`, { severity: level }),
    })),
  ];
}

function SyncState({ base, now }: { base: string; now: number }) {
  const repo = useResource(() => api.get<Repository>(base), base, 15_000);
  if (repo.error?.status === 404)
    return <p>Not tracked: its mirrored rows are kept, but nothing keeps them current.</p>;
  if (repo.error) return <Failure what="the sync state" error={repo.error} onRetry={repo.reload} />;
  if (!repo.data) return <Loading what="the sync state" />;
  const last = repo.data.last_verification;
  return (
    <>
      <p>
        <StatusBadge status={repo.data.state} />{" "}
        {repo.data.reason && <span class="muted">{repo.data.reason}</span>}
      </p>
      <Figures
        figures={[
          ["Last synced", relativeTime(repo.data.last_synced_at, now)],
          ["Coverage", `${repo.data.coverage}% of ${repo.data.depth}`],
          ["Last verified", last ? relativeTime(last.finished_at, now) : "never"],
          [
            "Repaired then",
            last ? formatCount(last.missing + last.changed + last.deleted + last.moved) : "—",
          ],
        ]}
      />
    </>
  );
}

export function RepositoryPage({ params }: { params: readonly string[] }) {
  const [owner = "", name = ""] = params;
  const fullName = `${owner}/${name}`;
  const base = `/api/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
  const period = usePeriod();
  const now = useNow(15_000);
  const [drill, setDrill] = useState<DrillDown | null>(null);
  const metricsPath = `/api/metrics/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
  const report = useResource(
    () => api.get<RepositoryMetrics>(`${metricsPath}?from=${period.from}`),
    `${fullName}:${period.from}`,
  );
  const data = report.data;
  const parts = data?.health.parts;
  return (
    <>
      <h1>{fullName}</h1>
      <section aria-labelledby="sync-heading">
        <h2 id="sync-heading">Sync</h2>
        <SyncState base={base} now={now} />
      </section>
      <div class="filters page-period">
        <PeriodSelect id="repo-period" days={period.days} onChange={period.choose} />
      </div>
      {report.error && (
        <Failure what={`${fullName}'s numbers`} error={report.error} onRetry={report.reload} />
      )}
      {!data && !report.error && <Loading what={`${fullName}'s numbers`} />}
      {data && parts && (
        <section aria-labelledby="health-heading">
          <h2 id="health-heading">Health: {Math.round(data.health.score)} of 100</h2>
          <Figures
            figures={[
              ["Activity", String(Math.round(parts.activity))],
              ["Delivery", String(Math.round(parts.delivery))],
              ["Review coverage", String(Math.round(parts.review_coverage))],
              ["Responsiveness", String(Math.round(parts.responsiveness))],
              ["Issue hygiene", String(Math.round(parts.issue_hygiene))],
              ["Contributors", String(Math.round(parts.contributors))],
            ]}
          />
        </section>
      )}
      {data && (
        <section aria-labelledby="repo-activity-heading">
          <h2 id="repo-activity-heading">Pull requests and activity, last {period.days} days</h2>
          <DrillFigures figures={pullFigures(data, base)} onOpen={setDrill} />
        </section>
      )}
      {data && (
        <section aria-labelledby="issues-heading">
          <h2 id="issues-heading">Issues</h2>
          <DrillFigures figures={issueFigures(data, base)} onOpen={setDrill} />
        </section>
      )}
      <RepositoryTeams
        base={base}
        metricsPath={`${metricsPath}/teams?from=${period.from}`}
        onOpen={setDrill}
      />
      {drill && <RowList drill={drill} onClose={() => setDrill(null)} />}
      {data && (
        <Throughput
          weeks={data.throughput}
          window={data}
          onOpen={(week, since, until) =>
            setDrill(
              pullsDrill(base, `Merged in the week of ${formatWeek(week)}`, {
                since,
                until,
                state: "merged",
                date: "merged",
              }),
            )
          }
        />
      )}
    </>
  );
}
