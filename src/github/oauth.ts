/**
 * "Sign in with GitHub" against GitHub's OAuth web flow, and what a person's own token reads:
 * https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#web-application-flow
 * The sign-in pages live on GitHub's web host, not its API: github.com beside api.github.com, the
 * server itself beside GitHub Enterprise Server's `/api/v3`, and the emulator's own address
 * (`oauthWebUrl`). `fetch` is injected; calls time out after 10 s.
 */
import { GhsyncError } from "../util/errors.js";

export type Fetch = typeof fetch;

/** The scopes asked for: the profile, and `repo` so private repositories can be checked with the token. */
export const OAUTH_SCOPE = "read:user repo";

const TIMEOUT_MS = 10_000;

/** Where `/login/oauth/…` lives for an API base URL (GITHUB_API_URL). */
export function oauthWebUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === "api.github.com") return "https://github.com";
  const path = url.pathname.replace(/\/+$/, "").replace(/\/api\/v3$/, "");
  return `${url.origin}${path}`;
}

/** The address that sends a person to GitHub to consent. */
export function authorizeUrl(options: {
  webUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  /** GitHub shows its account picker even when one account is signed in (to link another). */
  pickAccount?: boolean;
}): string {
  const url = new URL(`${options.webUrl}/login/oauth/authorize`);
  url.searchParams.set("client_id", options.clientId);
  url.searchParams.set("redirect_uri", options.redirectUri);
  url.searchParams.set("scope", OAUTH_SCOPE);
  url.searchParams.set("state", options.state);
  url.searchParams.set("allow_signup", "false");
  if (options.pickAccount) url.searchParams.set("prompt", "select_account");
  return url.toString();
}

function unreachable(what: string, cause: unknown): GhsyncError {
  return new GhsyncError("github_unreachable", `GitHub did not answer ${what}: try signing in again`, {
    status: 502,
    retryable: true,
    cause,
  });
}

/**
 * Trades the callback's code for the person's token. GitHub answers its errors as 200s with
 * `error` (bad_verification_code, incorrect_client_credentials, redirect_uri_mismatch).
 */
export async function exchangeCode(
  fetchFn: Fetch,
  options: { webUrl: string; clientId: string; clientSecret: string; code: string; redirectUri: string },
): Promise<string> {
  let body: Record<string, unknown>;
  try {
    const response = await fetchFn(`${options.webUrl}/login/oauth/access_token`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({
        client_id: options.clientId,
        client_secret: options.clientSecret,
        code: options.code,
        redirect_uri: options.redirectUri,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    body = (await response.json()) as Record<string, unknown>;
  } catch (error) {
    throw unreachable("the sign-in code exchange", error);
  }
  if (typeof body.access_token === "string" && body.access_token !== "") return body.access_token;
  const code = typeof body.error === "string" ? body.error : "no_token";
  const hint =
    code === "incorrect_client_credentials"
      ? "GITHUB_OAUTH_CLIENT_ID or GITHUB_OAUTH_CLIENT_SECRET is wrong: copy them from the OAuth App's settings"
      : code === "redirect_uri_mismatch"
        ? "the OAuth App's callback URL must be this server's /api/auth/github/callback (see GHSYNC_PUBLIC_URL)"
        : "the sign-in code is wrong, used or expired: sign in again";
  throw new GhsyncError("oauth_failed", `GitHub refused the sign-in (${code}): ${hint}`, { status: 401 });
}

export interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
}

function get(fetchFn: Fetch, url: string, token: string): Promise<Response> {
  return fetchFn(url, {
    headers: {
      accept: "application/vnd.github+json",
      authorization: `Bearer ${token}`,
      "x-github-api-version": "2022-11-28",
    },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
}

/** GET /user: who the token belongs to. */
export async function fetchGitHubUser(fetchFn: Fetch, apiUrl: string, token: string): Promise<GitHubUser> {
  let response: Response;
  try {
    response = await get(fetchFn, `${apiUrl}/user`, token);
  } catch (error) {
    throw unreachable("GET /user", error);
  }
  if (!response.ok)
    throw new GhsyncError("oauth_failed", `GitHub answered ${response.status} to GET /user: sign in again`, {
      status: 401,
    });
  const user = (await response.json()) as Record<string, unknown>;
  if (typeof user.login !== "string" || typeof user.id !== "number")
    throw new GhsyncError("oauth_failed", "GitHub's GET /user answer has no login or id", { status: 502 });
  return {
    id: user.id,
    login: user.login,
    name: typeof user.name === "string" ? user.name : null,
    email: typeof user.email === "string" ? user.email : null,
  };
}

/**
 * Whether the token reads the repository (GET /repos/{owner}/{repo}: 200, or 404/403/401 for no).
 * Anything else (5xx, no answer) is an error: the caller must not cache a guess.
 */
export async function tokenCanRead(
  fetchFn: Fetch,
  apiUrl: string,
  token: string,
  fullName: string,
): Promise<boolean> {
  const [owner = "", repo = ""] = fullName.split("/");
  const response = await get(
    fetchFn,
    `${apiUrl}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`,
    token,
  );
  if (response.ok) return true;
  if ([401, 403, 404].includes(response.status)) return false;
  throw new GhsyncError("github_unreachable", `GitHub answered ${response.status} checking ${fullName}`, {
    status: 502,
    retryable: true,
  });
}
