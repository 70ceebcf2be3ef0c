/** Webhooks: setup instructions and the delivery history, with redelivery of stored deliveries. */
import { useState } from "preact/hooks";
import { ApiError, api, query, canManage } from "../api.js";
import { Empty, Failure, Loading, Notice } from "../components/states.js";
import { StatusBadge } from "../components/status-badge.js";
import { Time } from "../components/time.js";
import { DELIVERY_STATUSES } from "../../contract/enums.js";
import type { Page } from "../../contract/page.js";
import type { Delivery } from "../../contract/webhooks.js";
import { useNow, useResource } from "../use-resource.js";
import { WebhookSetupSection } from "./webhook-setup.js";

const REDELIVERABLE = new Set(["failed", "ignored", "processed"]);

function DeliveryRow({
  delivery,
  now,
  onRedeliver,
}: {
  delivery: Delivery;
  now: number;
  onRedeliver: () => void;
}) {
  const what = delivery.action ? `${delivery.event}.${delivery.action}` : delivery.event;
  return (
    <tr>
      <th scope="row" data-label="Event">
        {what}
        <span class="detail mono">{delivery.delivery_id}</span>
      </th>
      <td data-label="Status">
        <StatusBadge status={delivery.status} />
        {(delivery.error ?? delivery.reason) && (
          <span class="detail">{delivery.error ?? delivery.reason}</span>
        )}
      </td>
      <td data-label="Attempts">{delivery.attempts}</td>
      <td data-label="Received">
        <Time iso={delivery.received_at} now={now} />
      </td>
      <td data-label="Processed">
        <Time iso={delivery.processed_at} now={now} fallback="not yet" />
      </td>
      <td data-label="Actions" class="actions">
        {REDELIVERABLE.has(delivery.status) && canManage() && (
          <button type="button" onClick={onRedeliver}>
            Redeliver
            <span class="visually-hidden">
              {" "}
              {what} {delivery.delivery_id}
            </span>
          </button>
        )}
      </td>
    </tr>
  );
}

export function WebhooksPage() {
  const [status, setStatus] = useState("");
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const now = useNow();
  const deliveries = useResource(
    () => api.get<Page<Delivery>>(`/api/webhooks/deliveries${query({ status, limit: 100 })}`),
    status,
    5_000,
  );
  const redeliver = async (delivery: Delivery) => {
    try {
      await api.post(`/api/webhooks/deliveries/${delivery.id}/redeliver`);
      setMessage({ text: `Delivery ${delivery.delivery_id} (${delivery.event}) is being applied again.` });
    } catch (reason) {
      setMessage({
        text: `Could not redeliver: ${reason instanceof ApiError ? reason.message : reason}`,
        error: true,
      });
    }
    deliveries.reload();
  };

  return (
    <>
      <h1>Webhooks</h1>
      <WebhookSetupSection />
      <section aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading">Recent deliveries</h2>
        <div class="filters">
          <div class="field">
            <label for="delivery-status">Status</label>
            <select
              id="delivery-status"
              value={status}
              onChange={(event) => setStatus(event.currentTarget.value)}
            >
              <option value="">All statuses</option>
              {DELIVERY_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Notice message={message} />
        {deliveries.error && (
          <Failure what="the deliveries" error={deliveries.error} onRetry={deliveries.reload} />
        )}
        {!deliveries.data && !deliveries.error && <Loading what="deliveries" />}
        {deliveries.data?.items.length === 0 && (
          <Empty>
            <p>
              No delivery{status ? ` with status ${status}` : ""} yet. GitHub's deliveries appear here as they
              arrive.
            </p>
          </Empty>
        )}
        {deliveries.data && deliveries.data.items.length > 0 && (
          <table class="cards">
            <thead>
              <tr>
                {["Event", "Status", "Attempts", "Received", "Processed"].map((name) => (
                  <th scope="col" key={name}>
                    {name}
                  </th>
                ))}
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.items.map((delivery) => (
                <DeliveryRow
                  key={delivery.id}
                  delivery={delivery}
                  now={now}
                  onRedeliver={() => redeliver(delivery)}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
