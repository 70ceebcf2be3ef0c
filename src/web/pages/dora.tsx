/**
 * Delivery: the four DORA keys with their DevLake band, the weekly trend, CI health and the
 * deliveries and incidents behind the numbers, for an organization, a repository or a team over a
 * period (GET /api/metrics/dora; definitions in docs/dora.md).
 */
import { useEffect, useState } from "preact/hooks";
import { api, query } from "../api.js";
import { Empty, Failure, Loading } from "../components/states.js";
import type { DoraReport } from "../../contract/dora.js";
import { useResource } from "../use-resource.js";
import { DoraFilters, defaultDoraFilter, useRepositories, type DoraFilter } from "./dora-filters.js";
import { DoraKeys } from "./dora-keys.js";
import { CiHealth, Incidents, WeeklyTrend } from "./dora-tables.js";

const subject = (report: DoraReport) =>
  report.scope.team ?? report.scope.org ?? report.scope.repositories.join(", ");

function Report({ report }: { report: DoraReport }) {
  const sources = Object.entries(report.sources);
  return (
    <>
      <h2 id="dora-heading">Delivery of {subject(report)}</h2>
      <DoraKeys report={report} />
      <p class="muted">
        Deliveries from:{" "}
        {sources.length === 0
          ? "no repository"
          : sources.map(([repo, source]) => `${repo} (${source.replace("_", " ")})`).join(", ")}
        .
      </p>
      <h2>Weekly trend</h2>
      <WeeklyTrend weeks={report.weekly} />
      <h2>CI health</h2>
      <CiHealth workflows={report.ci} />
      <h2>Incidents</h2>
      <Incidents incidents={report.incidents} />
    </>
  );
}

export function DoraPage() {
  const repositories = useRepositories();
  const [filter, setFilter] = useState<DoraFilter>(defaultDoraFilter);
  const first = repositories.data?.items[0]?.full_name.split("/")[0];
  useEffect(() => {
    if (filter.value === "" && first) setFilter({ ...filter, value: first });
  }, [first]);
  const scope =
    filter.kind === "repo"
      ? { repo: filter.value }
      : filter.kind === "team"
        ? { team: filter.value }
        : { org: filter.value };
  const report = useResource(
    () =>
      filter.value === ""
        ? Promise.resolve(undefined)
        : api.get<DoraReport>(`/api/metrics/dora${query({ ...scope, from: filter.from, to: filter.to })}`),
    JSON.stringify(filter),
    60_000,
  );
  return (
    <>
      <h1>Delivery</h1>
      <DoraFilters initial={filter} repositories={repositories.data?.items ?? []} onApply={setFilter} />
      <section aria-labelledby="dora-heading">
        {report.error && <Failure what="the delivery metrics" error={report.error} onRetry={report.reload} />}
        {filter.value === "" && repositories.data && (
          <Empty>
            <p>
              No repository is in the mirror yet. Track one, and its deployments, releases and runs appear
              here.
            </p>
          </Empty>
        )}
        {filter.value !== "" && !report.data && !report.error && <Loading what="delivery metrics" />}
        {report.data && <Report report={report.data} />}
      </section>
    </>
  );
}
