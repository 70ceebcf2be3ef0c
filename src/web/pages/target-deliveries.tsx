/** A target's delivery log: every attempt, newest first, with the receiver's answer or the error. */
import { api, query } from "../api.js";
import { Failure, Loading } from "../components/states.js";
import { Time } from "../components/time.js";
import type { Page } from "../../contract/page.js";
import { useNow, useResource } from "../use-resource.js";
import type { TargetDelivery as Delivery } from "../../contract/notifications.js";

const TONES: Record<Delivery["status"], string> = {
  delivered: "good",
  sending: "busy",
  failed: "bad",
  refused: "bad",
};

export function TargetDeliveries({ path, label }: { path: string; label: string }) {
  const now = useNow();
  const log = useResource(() => api.get<Page<Delivery>>(`${path}/deliveries${query({ limit: 50 })}`), path);
  if (log.error) return <Failure what="the delivery log" error={log.error} onRetry={log.reload} />;
  if (!log.data) return <Loading what="the delivery log" />;
  if (log.data.items.length === 0) return <p class="detail">No delivery yet.</p>;
  return (
    <div class="target-log">
      <table class="cards">
        <caption class="visually-hidden">Deliveries to {label}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {log.data.items.map((item) => (
            <tr key={item.id}>
              <td data-label="When">
                <Time iso={item.attempted_at} now={now} />
                {item.attempt > 1 && <span class="detail">attempt {item.attempt}</span>}
              </td>
              <td data-label="Event">{item.event}</td>
              <td data-label="Outcome">
                <span class={`badge ${TONES[item.status]}`}>{item.status}</span>
                <span class="detail">
                  {item.response_status !== null && `HTTP ${item.response_status}`}
                  {item.error && ` ${item.error}`}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
