/**
 * A new notification target for a person: its URL, kind (signed webhook, Slack or Discord) and
 * the events it gets. A webhook's signing secret is shown once, right after it is created.
 */
import { useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import { TARGET_EVENTS, TARGET_KINDS, type TargetEvent, type TargetKind } from "../../contract/enums.js";

export const KIND_WORDS: Record<TargetKind, string> = {
  webhook: "Signed webhook (JSON)",
  slack: "Slack incoming webhook",
  discord: "Discord webhook",
};

export const EVENT_WORDS: Record<TargetEvent, string> = {
  "sync.completed": "Sync finished",
  "goal.completed": "Goal reached",
  "goal.progress": "Goal progress",
};

interface Created {
  id: number;
  secret: string;
}

export function TargetForm(props: { login: string; onDone: (text: string, error?: boolean) => void }) {
  const [url, setUrl] = useState("");
  const [kind, setKind] = useState<TargetKind>("webhook");
  const [events, setEvents] = useState<TargetEvent[]>(["sync.completed", "goal.completed"]);
  const [secret, setSecret] = useState<string | null>(null);
  const toggle = (event: TargetEvent, on: boolean) =>
    setEvents((current) => (on ? [...current, event] : current.filter((entry) => entry !== event)));
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      const created = await api.post<Created>(`/api/users/${encodeURIComponent(props.login)}/webhooks`, {
        url: url.trim(),
        kind,
        events,
      });
      setSecret(kind === "webhook" ? created.secret : null);
      setUrl("");
      props.onDone(`Target added for ${props.login}.`);
    } catch (reason) {
      props.onDone(`Could not add the target: ${reason instanceof ApiError ? reason.message : reason}`, true);
    }
  };
  return (
    <section aria-labelledby="target-form-heading">
      <h2 id="target-form-heading">Add a target</h2>
      <form class="filters" onSubmit={submit}>
        <div class="field grow">
          <label for="target-url">URL</label>
          <input
            id="target-url"
            type="url"
            required
            maxLength={2048}
            placeholder="https://hooks.example.com/ghsync"
            value={url}
            onInput={(event) => setUrl(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="target-kind">Kind</label>
          <select
            id="target-kind"
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value as TargetKind)}
          >
            {TARGET_KINDS.map((entry) => (
              <option key={entry} value={entry}>
                {KIND_WORDS[entry]}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>Events</legend>
          {TARGET_EVENTS.map((entry) => (
            <label key={entry} class="choice">
              <input
                type="checkbox"
                checked={events.includes(entry)}
                onChange={(event) => toggle(entry, event.currentTarget.checked)}
              />
              {EVENT_WORDS[entry]}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={events.length === 0}>
          Add target
        </button>
      </form>
      {secret && (
        <div class="secret" role="status">
          <p>
            Signing secret of the new webhook, shown only now (requests carry{" "}
            <code>X-Ghsync-Signature-256</code>, an HMAC-SHA256 of the body with it):
          </p>
          <code class="copyable">{secret}</code>
        </div>
      )}
    </section>
  );
}
