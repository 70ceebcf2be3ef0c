/**
 * One notification target: where it posts, which events, whether it is on (a target failing too
 * often is switched off, with the reason), and its actions — send a test message, re-enable,
 * show the delivery log, delete (asked twice).
 */
import { useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import { Time } from "../components/time.js";
import type { Target, TargetTestResult } from "../../contract/notifications.js";
import { EVENT_WORDS, KIND_WORDS } from "./target-form.js";
import { TargetDeliveries } from "./target-deliveries.js";

type Say = (text: string, error?: boolean) => void;

function testWords(result: TargetTestResult): string {
  if (result.status === "delivered")
    return `Test message delivered (HTTP ${result.response_status}, ${Math.round(result.duration_ms)} ms).`;
  const why = result.error ?? (result.response_status ? `HTTP ${result.response_status}` : "no answer");
  return result.status === "refused" ? `Test message not sent: ${why}.` : `Test message failed: ${why}.`;
}

export function TargetCard(props: { login: string; target: Target; now: number; onDone: Say }) {
  const { target, onDone } = props;
  const path = `/api/users/${encodeURIComponent(props.login)}/webhooks/${target.id}`;
  const [confirming, setConfirming] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const [busy, setBusy] = useState(false);
  const act = async (run: () => Promise<{ text: string; error?: boolean }>, failed: string) => {
    setBusy(true);
    try {
      const outcome = await run();
      onDone(outcome.text, outcome.error);
    } catch (reason) {
      onDone(`${failed}: ${reason instanceof ApiError ? reason.message : reason}`, true);
    } finally {
      setBusy(false);
    }
  };
  const sendTest = () =>
    act(async () => {
      const result = await api.post<TargetTestResult>(`${path}/test`);
      return { text: testWords(result), error: result.status !== "delivered" };
    }, "Could not send a test message");
  const enable = () =>
    act(async () => {
      await api.post(`${path}/enable`);
      return { text: `Target ${target.url} is on again.` };
    }, "Could not re-enable the target");
  const remove = () =>
    act(async () => {
      await api.delete(path);
      return { text: `Target ${target.url} deleted.` };
    }, "Could not delete the target");
  const label = `${KIND_WORDS[target.kind]} ${target.url}`;
  return (
    <li class="target" aria-label={label}>
      <h3>
        {target.active ? <span class="badge good">On</span> : <span class="badge bad">Disabled</span>}{" "}
        {KIND_WORDS[target.kind]}
      </h3>
      <p class="mono">{target.url}</p>
      <p class="detail">
        {target.events.map((event) => EVENT_WORDS[event]).join(", ")} · added{" "}
        <Time iso={target.created_at} now={props.now} />
        {target.consecutive_failures > 0 && ` · ${target.consecutive_failures} failures in a row`}
      </p>
      {!target.active && (
        <p class="detail">
          Disabled <Time iso={target.disabled_at} now={props.now} />
          {target.disabled_reason && `: ${target.disabled_reason}`}
        </p>
      )}
      <div class="actions">
        <button type="button" class="secondary" disabled={busy} onClick={sendTest}>
          Send test<span class="visually-hidden"> to {target.url}</span>
        </button>
        {!target.active && (
          <button type="button" disabled={busy} onClick={enable}>
            Re-enable<span class="visually-hidden"> {target.url}</span>
          </button>
        )}
        <button
          type="button"
          class="secondary"
          aria-expanded={showLog}
          onClick={() => setShowLog((shown) => !shown)}
        >
          {showLog ? "Hide" : "Show"} deliveries<span class="visually-hidden"> to {target.url}</span>
        </button>
        {confirming ? (
          <span role="group" aria-label={`Delete target ${target.url}?`}>
            <span class="detail">Delete it and its delivery log?</span>
            <button type="button" class="danger" disabled={busy} onClick={remove}>
              Delete
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" class="secondary" onClick={() => setConfirming(true)}>
            Delete<span class="visually-hidden"> {target.url}</span>
          </button>
        )}
      </div>
      {showLog && <TargetDeliveries path={path} label={target.url} />}
    </li>
  );
}
