/** Email on the targets page: where a person's email goes, and a button sending a test email there. */
import { useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import type { EmailTestResult } from "../../contract/notifications.js";
import type { Person } from "../../contract/people.js";

export function EmailTest({
  person,
  onDone,
}: {
  person: Person;
  onDone: (text: string, error?: boolean) => void;
}) {
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      const result = await api.post<EmailTestResult>(
        `/api/users/${encodeURIComponent(person.login)}/email/test`,
      );
      if (result.status === "sent") onDone(`Test email sent to ${result.to}.`);
      else onDone(`Test email to ${result.to} not sent: ${result.error}.`, true);
    } catch (reason) {
      onDone(`Could not send a test email: ${reason instanceof ApiError ? reason.message : reason}`, true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="email-heading">
      <h2 id="email-heading">Email</h2>
      {person.email ? (
        <>
          <p>
            Notifications are also emailed to <span class="mono">{person.email}</span>
            {person.notify_sync ? "" : " (finished syncs are not)"}.
          </p>
          <button type="button" class="secondary" disabled={busy} onClick={send}>
            Send test email
          </button>
        </>
      ) : (
        <p class="detail">{person.login} has no email address: notifications are not emailed.</p>
      )}
    </section>
  );
}
