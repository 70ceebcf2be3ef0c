/**
 * A person's GitHub accounts on their page. An admin links one by login (the server says when it
 * is a bot's, whose activity never counts); the person links another of theirs by signing in to
 * GitHub with it (GET /api/auth/github?link=1, back here with `?linked=` or `?link_error=`). Both
 * unlink one, after asking (a member keeps their last one: the server refuses it).
 */
import { useState } from "preact/hooks";
import { ApiError, api, canManage, githubSignInOffered, signedInLogin } from "../api.js";
import { Notice } from "../components/states.js";
import type { LinkedPerson, Person } from "../../contract/people.js";

type Message = { text: string; error?: boolean } | null;

/** What GitHub's linking came back with (then gone from the address, so a reload does not repeat it). */
function linkingOutcome(): Message {
  const query = new URLSearchParams(window.location.search);
  const linked = query.get("linked");
  const failed = query.get("link_error");
  if (linked === null && failed === null) return null;
  window.history.replaceState(null, "", window.location.pathname);
  return failed !== null
    ? { text: `GitHub account not linked: ${failed}`, error: true }
    : { text: `Linked ${linked}: its activity counts as yours.` };
}

export function PersonAccounts({ person, onChanged }: { person: Person; onChanged: () => void }) {
  const [login, setLogin] = useState("");
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(linkingOutcome);
  const admin = canManage();
  const own = signedInLogin()?.toLowerCase() === person.login.toLowerCase();
  // A member keeps their last account (the one they sign in with).
  const mayUnlink = admin || (own && person.accounts.length > 1);
  const base = `/api/users/${encodeURIComponent(person.login)}/accounts`;
  const act = async (run: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ text: await run() });
      onChanged();
    } catch (reason) {
      setMessage({ text: reason instanceof ApiError ? reason.message : String(reason), error: true });
    } finally {
      setBusy(false);
    }
  };
  const link = (event: Event) => {
    event.preventDefault();
    const wanted = login.trim();
    if (!wanted) return;
    void act(async () => {
      const linked = await api.post<LinkedPerson>(base, { login: wanted });
      setLogin("");
      return linked.warning
        ? `Linked ${wanted}. Note: ${linked.warning}.`
        : `Linked ${wanted}: their activity counts as ${person.login}'s.`;
    });
  };
  const unlink = (account: string) =>
    act(async () => {
      await api.delete(`${base}/${encodeURIComponent(account)}`);
      setConfirming(null);
      return `Unlinked ${account}.`;
    });
  return (
    <section aria-labelledby="accounts-heading">
      <h2 id="accounts-heading">GitHub accounts</h2>
      {person.accounts.length === 0 ? (
        <p>No GitHub account is linked yet: nothing counts as {person.login}'s until one is.</p>
      ) : (
        <ul class="account-list">
          {person.accounts.map((account) => (
            <li key={account.login}>
              <span class="mono">{account.login}</span>
              {account.account_id === null && <span class="muted"> (not mirrored yet)</span>}{" "}
              {!mayUnlink ? null : confirming === account.login ? (
                <span role="group" aria-label={`Unlink ${account.login}?`}>
                  <span class="muted">Its activity stops counting. </span>
                  <button
                    type="button"
                    class="danger"
                    disabled={busy}
                    onClick={() => void unlink(account.login)}
                  >
                    Unlink
                  </button>{" "}
                  <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button type="button" class="secondary" onClick={() => setConfirming(account.login)}>
                  Unlink<span class="visually-hidden"> {account.login}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {admin && (
        <form class="filters" onSubmit={link}>
          <div class="field">
            <label for="link-login">GitHub login</label>
            <input
              id="link-login"
              value={login}
              autoComplete="off"
              onInput={(event) => setLogin(event.currentTarget.value)}
            />
          </div>
          <button type="submit" disabled={busy || login.trim() === ""}>
            Link account
          </button>
        </form>
      )}
      {own && githubSignInOffered() && (
        <p>
          <a class="button secondary" href="/api/auth/github?link=1">
            Link another GitHub account
          </a>{" "}
          <span class="muted">GitHub asks which account: its activity then counts as yours.</span>
        </p>
      )}
      <Notice message={message} />
    </section>
  );
}
