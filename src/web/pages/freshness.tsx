/**
 * How current the mirror is (`/api/status`): the tracked repositories' staleness — time since each
 * was last known current — and what the scheduler's polling spent of its hourly budget.
 */
import { api } from "../api.js";
import { Figures } from "../components/figures.js";
import { Failure, Loading } from "../components/states.js";
import { formatCount, formatDuration } from "../format.js";
import type { StatusSummary } from "../../contract/operations.js";
import { useResource } from "../use-resource.js";

const age = (seconds: number | null) => (seconds === null ? "—" : formatDuration(seconds * 1_000));

function FreshnessFigures({ status }: { status: StatusSummary }) {
  const { staleness, polling } = status;
  const budget =
    polling.points_per_hour === null
      ? `${formatCount(polling.spent_last_hour)} points`
      : `${formatCount(polling.spent_last_hour)} of ${formatCount(polling.points_per_hour)} points`;
  const figures: [string, string][] = [
    ["Staleness, median", age(staleness.p50_s)],
    ["Staleness, p95", age(staleness.p95_s)],
    ["Staleness, max", age(staleness.max_s)],
    ["Never synced", formatCount(staleness.never_synced)],
    [`Polling, last hour (${Math.round(polling.share * 100)}% budget)`, budget],
  ];
  return <Figures figures={figures} />;
}

export function Freshness() {
  const status = useResource(() => api.get<StatusSummary>("/api/status"), "status", 10_000);
  return (
    <section aria-labelledby="freshness-heading">
      <h2 id="freshness-heading">Freshness</h2>
      {status.error && <Failure what="the freshness figures" error={status.error} onRetry={status.reload} />}
      {status.data ? (
        <FreshnessFigures status={status.data} />
      ) : (
        !status.error && <Loading what="freshness" />
      )}
    </section>
  );
}
