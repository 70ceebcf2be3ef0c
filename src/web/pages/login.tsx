/**
 * Sign-in: "Sign in with GitHub" when the server offers it (a plain link: the server redirects to
 * GitHub and back, then to the dashboard with the session cookie set), and the API token posted
 * once to /api/session, which answers with the session cookie (httpOnly: this page never sees it
 * again) and the CSRF token for later writes. A failed GitHub sign-in comes back with
 * `?sign_in_error=`, shown here.
 */
import { useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import type { SessionView, SignInBody } from "../../contract/session.js";

function githubError(): string | null {
  return new URLSearchParams(window.location.search).get("sign_in_error");
}

export function LoginPage({
  githubSignIn,
  onSignedIn,
}: {
  githubSignIn: boolean;
  onSignedIn: (session: SessionView) => void;
}) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [fromGitHub] = useState(githubError);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<SessionView>("/api/session", { token } satisfies SignInBody);
      if (fromGitHub) window.history.replaceState(null, "", window.location.pathname);
      onSignedIn(session);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.message : String(reason));
      setBusy(false);
    }
  };

  return (
    <main id="main" class="login">
      <h1>Sign in to ghsync</h1>
      {githubSignIn && (
        <section class="github-sign-in" aria-label="Sign in with GitHub">
          <a class="button" href="/api/auth/github">
            Sign in with GitHub
          </a>
          {fromGitHub && (
            <p id="github-error" class="notice error" role="alert">
              {fromGitHub}
            </p>
          )}
          <p class="help">Or, for automation and scripts, paste an API token:</p>
        </section>
      )}
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
        <button type="submit" disabled={busy} class={githubSignIn ? "secondary" : undefined}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
