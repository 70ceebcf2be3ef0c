/** Rate-limit gauges: points left per credential and resource, and when each window resets. */
import { api } from "../api.js";
import { Empty, Failure, Loading } from "../components/states.js";
import { StatusBadge } from "../components/status-badge.js";
import { Time } from "../components/time.js";
import { formatCount } from "../format.js";
import type { RateLimit } from "../../contract/operations.js";
import type { Page } from "../../contract/page.js";
import { useResource } from "../use-resource.js";

function Gauge({ reading, now }: { reading: RateLimit; now: number }) {
  if (reading.resource === null || reading.limit === null || reading.remaining === null) {
    return <p class="detail">Not used yet: no reading from GitHub.</p>;
  }
  const label = `${reading.credential} ${reading.resource}: ${formatCount(reading.remaining)} of ${formatCount(reading.limit)} left`;
  return (
    <div class="gauge">
      <meter
        min={0}
        max={reading.limit}
        low={reading.limit * 0.1}
        high={reading.limit * 0.3}
        optimum={reading.limit}
        value={reading.remaining}
        aria-label={label}
      />
      <span>
        {formatCount(reading.remaining)} of {formatCount(reading.limit)} left · resets{" "}
        <Time iso={reading.reset_at} now={now} fallback="at an unknown time" />
      </span>
    </div>
  );
}

export function RateLimits({ now }: { now: number }) {
  const limits = useResource(() => api.get<Page<RateLimit>>("/api/rate-limits"), "limits", 10_000);
  return (
    <section aria-labelledby="limits-heading">
      <h2 id="limits-heading">Rate limits</h2>
      {limits.error && <Failure what="the rate limits" error={limits.error} onRetry={limits.reload} />}
      {!limits.data && !limits.error && <Loading what="rate limits" />}
      {limits.data?.items.length === 0 && (
        <Empty>
          <p>No GitHub credential has been used yet. Set GITHUB_TOKEN (or a GitHub App) and sync.</p>
        </Empty>
      )}
      <ul class="limits">
        {limits.data?.items.map((reading) => (
          <li key={`${reading.credential}/${reading.resource ?? ""}`}>
            <h3>
              {reading.credential}
              {reading.resource && <span class="muted"> · {reading.resource}</span>}
            </h3>
            {reading.status !== "valid" && <StatusBadge status={reading.status} />}
            {reading.reason && <p class="detail">{reading.reason}</p>}
            <Gauge reading={reading} now={now} />
          </li>
        ))}
      </ul>
    </section>
  );
}
