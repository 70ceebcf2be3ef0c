/**
 * "Add a person": a ghsync login and the GitHub logins that are theirs (POST /api/users, then one
 * POST /api/users/:login/accounts each). Goals count the rows of the linked accounts.
 */
import { useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import type { LinkedPerson, NewPerson } from "../../contract/people.js";

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

export function PersonForm({ onAdded }: { onAdded: (login: string, text: string, error?: boolean) => void }) {
  const [login, setLogin] = useState("");
  const [githubLogins, setGithubLogins] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const name = login.trim();
    const linked = githubLogins.split(/[\s,]+/).filter(Boolean);
    const failed = (what: string, reason: unknown) =>
      onAdded(name, `${what}: ${reason instanceof ApiError ? reason.message : reason}`, true);
    try {
      await api.post("/api/users", { login: name, timezone: BROWSER_ZONE } satisfies NewPerson);
    } catch (reason) {
      setBusy(false);
      return failed(`Could not add ${name}`, reason);
    }
    try {
      const warnings: string[] = [];
      for (const account of linked) {
        const answer = await api.post<LinkedPerson>(`/api/users/${encodeURIComponent(name)}/accounts`, {
          login: account,
        });
        if (answer.warning) warnings.push(answer.warning);
      }
      const accounts = linked.length ? ` linked to GitHub ${linked.join(", ")}` : "";
      const note = warnings.map((warning) => ` Note: ${warning}.`).join("");
      onAdded(name, `Added ${name}${accounts}.${note}`);
      setLogin("");
      setGithubLogins("");
    } catch (reason) {
      // The person exists: say so, so that the form is not sent again for them.
      failed(
        `Added ${name}, but a GitHub login could not be linked (link it with ghsync users link)`,
        reason,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="track-form" onSubmit={submit} aria-labelledby="person-heading">
      <h2 id="person-heading">Add a person</h2>
      <div class="field">
        <label for="person-login">Name in ghsync</label>
        <input
          id="person-login"
          required
          maxLength={64}
          autocomplete="off"
          placeholder="ada"
          value={login}
          onInput={(event) => setLogin(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="person-github">GitHub logins (comma separated)</label>
        <input
          id="person-github"
          autocomplete="off"
          placeholder="ada-lovelace, ada-work"
          pattern="[A-Za-z0-9][A-Za-z0-9\-]*([\s,]+[A-Za-z0-9][A-Za-z0-9\-]*)*[\s,]*"
          value={githubLogins}
          onInput={(event) => setGithubLogins(event.currentTarget.value)}
        />
      </div>
      <p class="detail">Weeks and months are counted in this browser's time zone ({BROWSER_ZONE}).</p>
      <button type="submit" disabled={busy}>
        {busy ? "Adding…" : "Add person"}
      </button>
    </form>
  );
}
