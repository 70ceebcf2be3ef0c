/**
 * The dashboard's session cookie: httpOnly (no page script can read it), SameSite=Strict (never
 * sent by a request another site starts), Secure when the request came over https.
 */
export const SESSION_COOKIE = "ghsync_session";

/** The value of cookie `name` in a Cookie header, if present. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return value === "" ? undefined : value;
  }
  return undefined;
}

interface CookieOptions {
  maxAgeS: number;
  secure: boolean;
}

/** An httpOnly Set-Cookie value; `maxAgeS` 0 clears it. */
function httpOnlyCookie(
  name: string,
  value: string,
  scope: { path: string; sameSite: "Strict" | "Lax" },
  options: CookieOptions,
): string {
  return [
    `${name}=${value}`,
    `Path=${scope.path}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeS))}`,
    "HttpOnly",
    `SameSite=${scope.sameSite}`,
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}

/** A Set-Cookie value for the session; `maxAgeS` 0 clears it. */
export function sessionCookie(value: string, options: CookieOptions): string {
  return httpOnlyCookie(SESSION_COOKIE, value, { path: "/", sameSite: "Strict" }, options);
}

/** The `state` of a "Sign in with GitHub" under way (routes/github-sign-in.ts). */
export const OAUTH_STATE_COOKIE = "ghsync_oauth_state";

/**
 * A Set-Cookie value for the sign-in's state: only sent to the sign-in routes, and SameSite=Lax —
 * GitHub's redirect back is a top-level navigation from another site, which Strict would strip.
 */
export function stateCookie(value: string, options: CookieOptions): string {
  return httpOnlyCookie(OAUTH_STATE_COOKIE, value, { path: "/api/auth/github", sameSite: "Lax" }, options);
}
