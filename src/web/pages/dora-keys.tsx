/**
 * The four DORA keys as cards: the value, its DevLake band, what it counts, and (expandable) the
 * deliveries behind it. `data-value` holds the number exactly as the API answered it.
 */
import type { ComponentChildren } from "preact";
import type { DoraDelivery, DoraReport } from "../../contract/dora.js";
import type { DoraBand } from "../../contract/enums.js";
import { absoluteTime, formatCount, formatHours, formatRatio } from "../format.js";

const BAND_CLASS: Record<DoraBand, string> = { elite: "good", high: "busy", medium: "wait", low: "bad" };

function Band({ band }: { band: DoraBand | null }) {
  return band ? (
    <span class={`badge ${BAND_CLASS[band]}`}>{band}</span>
  ) : (
    <span class="badge neutral">no band</span>
  );
}

const KIND: Record<DoraDelivery["kind"], string> = {
  deployment: "deployment",
  release: "release",
  workflow_run: "run",
};

function DeliveryList({ deliveries, empty }: { deliveries: DoraDelivery[]; empty: string }) {
  if (deliveries.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ul class="dora-list">
      {deliveries.map((d) => (
        <li key={`${d.repository}:${d.id}`}>
          <span class="mono">{d.repository}</span> {KIND[d.kind]} {d.id} · {d.failed ? "failed" : d.result} ·{" "}
          {absoluteTime(d.finished_at)}
          {d.changes.length > 0 && <> · PRs {d.changes.map((n) => `#${n}`).join(", ")}</>}
          {d.incidents.length > 0 && <> · incidents {d.incidents.map((n) => `#${n}`).join(", ")}</>}
        </li>
      ))}
    </ul>
  );
}

function KeyCard(props: {
  id: string;
  title: string;
  value: number | null;
  shown: string;
  band: DoraBand | null;
  detail: string;
  children: ComponentChildren;
}) {
  return (
    <article class="dora-key" aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      <p class="dora-value" data-key={props.id} data-value={props.value === null ? "" : String(props.value)}>
        {props.shown}
      </p>
      <Band band={props.band} />
      <p class="muted">{props.detail}</p>
      <details>
        <summary>Behind the number</summary>
        {props.children}
      </details>
    </article>
  );
}

export function DoraKeys({ report }: { report: DoraReport }) {
  const {
    deployment_frequency: df,
    lead_time_for_changes: lt,
    change_failure_rate: cfr,
    recovery_time: rt,
  } = report;
  const successes = report.deliveries.filter((d) => d.result === "success");
  const failed = report.deliveries.filter((d) => d.failed);
  return (
    <div class="dora-keys">
      <KeyCard
        id="deployment_frequency"
        title="Deployment frequency"
        value={df.median_days_per_week}
        shown={df.median_days_per_week === null ? "—" : `${df.median_days_per_week} days a week`}
        band={df.band}
        detail={`${formatCount(df.deployments)} deployments on ${formatCount(df.deployment_days)} days (median ${df.median_days_per_week ?? "—"} deployment days a week, ${df.median_days_per_month ?? "—"} a month)`}
      >
        <DeliveryList deliveries={successes} empty="No successful delivery in the period." />
      </KeyCard>
      <KeyCard
        id="lead_time_for_changes"
        title="Lead time for changes"
        value={lt.median_hours}
        shown={formatHours(lt.median_hours)}
        band={lt.band}
        detail={`median of ${formatCount(lt.changes)} changes, first commit to production`}
      >
        <DeliveryList
          deliveries={successes.filter((d) => d.changes.length > 0)}
          empty="No change deployed in the period."
        />
      </KeyCard>
      <KeyCard
        id="change_failure_rate"
        title="Change failure rate"
        value={cfr.rate}
        shown={formatRatio(cfr.rate)}
        band={cfr.band}
        detail={`${formatCount(cfr.failed)} of ${formatCount(cfr.total)} deliveries failed`}
      >
        <DeliveryList deliveries={failed} empty="No failed delivery in the period." />
      </KeyCard>
      <KeyCard
        id="recovery_time"
        title="Failed deployment recovery time"
        value={rt.median_hours}
        shown={formatHours(rt.median_hours)}
        band={rt.band}
        detail={`median of ${formatCount(rt.recovered)} recovered; ${formatCount(rt.unrecovered)} not recovered yet`}
      >
        <DeliveryList deliveries={failed} empty="Nothing to recover from in the period." />
      </KeyCard>
    </div>
  );
}
