/** How to point GitHub at this server: the exact payload URL, content type, secret hint, events. */
import { api } from "../api.js";
import { Failure, Loading } from "../components/states.js";
import type { WebhookSetup } from "../../contract/webhooks.js";
import { useResource } from "../use-resource.js";

export function WebhookSetupSection() {
  const setup = useResource(() => api.get<WebhookSetup>("/api/webhooks/setup"), "setup");
  const data = setup.data;
  return (
    <section aria-labelledby="setup-heading">
      <h2 id="setup-heading">Set up a webhook on GitHub</h2>
      {setup.error && <Failure what="the webhook setup" error={setup.error} onRetry={setup.reload} />}
      {!data && !setup.error && <Loading what="the webhook setup" />}
      {data && (
        <ol class="steps">
          <li>
            In the repository's or organization's <em>Settings → Webhooks → Add webhook</em>, set the payload
            URL to
            <code id="payload-url" class="copyable">
              {data.url}
            </code>
            and the content type to <code>{data.content_type}</code>.
          </li>
          <li>
            {data.configured ? (
              <>
                Secret: the value of <code>GITHUB_WEBHOOK_SECRET</code> on this server (its sha256 starts with{" "}
                {data.secret_fingerprints.map((print, index) => (
                  <span key={print}>
                    {index > 0 && " or "}
                    <code>{print}</code>
                  </span>
                ))}
                ; check yours with <code>printf %s "$SECRET" | sha256sum</code>).
              </>
            ) : (
              <strong>
                Webhooks are off: set <code>GITHUB_WEBHOOK_SECRET</code> on this server and restart it, then
                use the same secret on GitHub.
              </strong>
            )}
          </li>
          <li>
            Events:{" "}
            {data.events.map((event) => (
              <code key={event}>{event} </code>
            ))}
            (or "Send me everything": other events are stored and ignored).
          </li>
        </ol>
      )}
    </section>
  );
}
