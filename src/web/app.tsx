/**
 * The app: asks the server whether the cookie holds a session (an open route: the login page
 * meets no 401), then shows sign-in or the page at the current path.
 */
import { useEffect, useState } from "preact/hooks";
import type { ApiError } from "./api.js";
import { api, setSession } from "./api.js";
import { Failure, Loading } from "./components/states.js";
import { Layout } from "./layout.js";
import { LoginPage } from "./pages/login.js";
import { PAGES, detailAt, pageAt } from "./pages.js";
import { Link, navigate, usePath } from "./router.js";
import { closeSyncEvents } from "./sync-events.js";
import type { SessionView } from "../contract/session.js";

type SessionState = { kind: "checking" } | { kind: "failed"; error: ApiError } | SessionView;

export function App() {
  const [session, setState] = useState<SessionState>({ kind: "checking" });
  const path = usePath();
  const check = () =>
    api
      .get<SessionView>("/api/session")
      .then(setState, (error: ApiError) => setState({ kind: "failed", error }));
  useEffect(() => void check(), []);
  const signedIn = "authenticated" in session && session.authenticated;
  const signedOut = () => {
    closeSyncEvents();
    // Asked again: the login page needs to know whether "Sign in with GitHub" is offered.
    void check();
  };
  setSession(signedIn ? session.csrf_token : null, signedOut, signedIn ? session : null);

  // Opening the dashboard asks for what is stale to be synced (debounced and within the rate
  // budget on the server: app/sync-stale.ts). Best effort: the pages show what the mirror holds.
  useEffect(() => {
    if (signedIn) void api.post("/api/sync/stale").catch(() => undefined);
  }, [signedIn]);

  const page = pageAt(path);
  const detail = page ? undefined : detailAt(path);
  const title = page?.title ?? (detail ? detail.entry.title(detail.params) : "Not found");
  const home = PAGES[0];
  useEffect(() => {
    if (signedIn && path === "/" && home) navigate(home.path, { replace: true });
    document.title = signedIn ? `${title} · ghsync` : "Sign in · ghsync";
  }, [signedIn, path, title, home]);

  if ("kind" in session) {
    return session.kind === "checking" ? (
      <Loading what="ghsync" />
    ) : (
      <main id="main">
        <Failure what="the session" error={session.error} onRetry={check} />
      </main>
    );
  }
  if (!session.authenticated)
    return <LoginPage githubSignIn={session.github_sign_in} onSignedIn={setState} />;
  const signOut = () => api.delete("/api/session").finally(signedOut);
  const Page = page?.component;
  const Detail = detail?.entry.component;
  return (
    <Layout path={path} onSignOut={signOut}>
      {Page ? (
        <Page />
      ) : Detail && detail ? (
        <Detail key={path} params={detail.params} />
      ) : path === "/" ? null : (
        <>
          <h1>Page not found</h1>
          <p>
            There is no page at {path}. Go to{" "}
            <Link href={home?.path ?? "/"}>{home?.title ?? "the start"}</Link>.
          </p>
        </>
      )}
    </Layout>
  );
}
