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

/** A Set-Cookie value for the session; `maxAgeS` 0 clears it. */
export function sessionCookie(value: string, options: { maxAgeS: number; secure: boolean }): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    "Path=/",
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeS))}`,
    "HttpOnly",
    "SameSite=Strict",
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}
