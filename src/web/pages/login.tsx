/**
 * Sign-in: the API token is posted once to /api/session, which answers with the session cookie
 * (httpOnly: this page never sees it again) and the CSRF token for later writes.
 */
import { useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import type { SessionView, SignInBody } from "../../contract/session.js";

export function LoginPage({ onSignedIn }: { onSignedIn: (session: SessionView) => void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.post<SessionView>("/api/session", { token } satisfies SignInBody));
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.message : String(reason));
      setBusy(false);
    }
  };

  return (
    <main id="main" class="login">
      <h1>Sign in to ghsync</h1>
      <form onSubmit={submit} aria-describedby="token-help">
        <label for="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="current-password"
          required
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "login-error" : undefined}
        />
        <p id="token-help" class="help">
          Paste <code>GHSYNC_API_TOKEN</code>, a token from <code>ghsync token create</code>, or the login
          token <code>ghsync demo</code> printed.
        </p>
        {error && (
          <p id="login-error" class="notice error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
