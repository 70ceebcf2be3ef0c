/** Sync: totals (success rate, average duration), freshness, rate-limit gauges, and the job history. */
import { useState } from "preact/hooks";
import { api, query } from "../api.js";
import { Figures } from "../components/figures.js";
import { Empty, Failure, Loading } from "../components/states.js";
import { StatusBadge } from "../components/status-badge.js";
import { Time } from "../components/time.js";
import { formatCount, formatDuration, formatRatio, jobScope } from "../format.js";
import { useSyncEvents } from "../sync-events.js";
import type { Job, JobStats } from "../../contract/jobs.js";
import type { Page } from "../../contract/page.js";
import { useNow, useResource } from "../use-resource.js";
import { JobFilters, NO_FILTER, type JobFilter } from "./job-filters.js";
import { Freshness } from "./freshness.js";
import { RateLimits } from "./rate-limits.js";

function Totals({ stats }: { stats: JobStats }) {
  const figures: [string, string][] = [
    ["Jobs", formatCount(stats.total)],
    ["Success rate", formatRatio(stats.success_rate)],
    ["Average duration", formatDuration(stats.average_duration_ms)],
    ["Failed", formatCount(stats.failed)],
    ["Rows imported", formatCount(stats.rows_imported)],
  ];
  return <Figures figures={figures} />;
}

const rowsOf = (job: Job) => Object.values(job.counts).reduce((sum, n) => sum + n, 0);

function JobRow({ job, now }: { job: Job; now: number }) {
  return (
    <tr>
      <th scope="row" data-label="Job">
        #{job.id} {job.type.replaceAll("_", " ")}
      </th>
      <td data-label="Repository">{jobScope(job)}</td>
      <td data-label="Status">
        <StatusBadge status={job.status} />
        {(job.error ?? job.reason) && <span class="detail">{job.error ?? job.reason}</span>}
      </td>
      <td data-label="Queued">
        <Time iso={job.queued_at} now={now} />
      </td>
      <td data-label="Duration">{formatDuration(job.duration_ms)}</td>
      <td data-label="Rows">{formatCount(rowsOf(job))}</td>
      <td data-label="Requests">
        {formatCount(job.requests)} ({formatCount(job.not_modified)} not modified,{" "}
        {formatCount(job.points_used)} points)
      </td>
    </tr>
  );
}

export function SyncPage() {
  const [filter, setFilter] = useState<JobFilter>(NO_FILTER);
  const [limit, setLimit] = useState(50);
  const now = useNow();
  const key = JSON.stringify({ filter, limit });
  const jobs = useResource(
    () => api.get<Page<Job>>(`/api/sync/jobs${query({ ...filter, limit })}`),
    key,
    10_000,
  );
  const stats = useResource(() => api.get<JobStats>("/api/sync/stats"), "stats", 10_000);
  useSyncEvents((event) => {
    if (event.type === "sync:progress") return;
    jobs.reload();
    stats.reload();
  });

  return (
    <>
      <h1>Sync</h1>
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">Totals</h2>
        {stats.error && <Failure what="the totals" error={stats.error} onRetry={stats.reload} />}
        {stats.data ? <Totals stats={stats.data} /> : !stats.error && <Loading what="totals" />}
      </section>
      <Freshness />
      <RateLimits now={now} />
      <section aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">Jobs</h2>
        <JobFilters onApply={setFilter} />
        {jobs.error && <Failure what="the jobs" error={jobs.error} onRetry={jobs.reload} />}
        {!jobs.data && !jobs.error && <Loading what="jobs" />}
        {jobs.data?.items.length === 0 && (
          <Empty>
            <p>No job matches. Jobs appear here when a repository is tracked or synced.</p>
          </Empty>
        )}
        {jobs.data && jobs.data.items.length > 0 && (
          <table class="cards">
            <thead>
              <tr>
                {["Job", "Repository", "Status", "Queued", "Duration", "Rows", "Requests"].map((name) => (
                  <th scope="col" key={name}>
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {jobs.data.items.map((job) => (
                <JobRow key={job.id} job={job} now={now} />
              ))}
            </tbody>
          </table>
        )}
        {jobs.data?.next_cursor && limit < 500 && (
          <button type="button" class="secondary" onClick={() => setLimit(limit + 50)}>
            Show more jobs
          </button>
        )}
      </section>
    </>
  );
}
