/**
 * Checks the JWT an App authenticates with (`Authorization: Bearer <JWT>`), in GitHub's order and
 * with GitHub's messages (@octokit/auth-app matches three of them to correct the clock skew from
 * the answer's Date header): RS256 signed with the App's key, `iss` = the App id (integer or
 * numeric string) or its client id, an integer `iat` not in the future, an `exp` in the future and
 * at most 10 minutes after `iat`; 60 s of clock skew are tolerated each way. Times are emulator
 * time. https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app
 */
import { verify } from "node:crypto";
import type { GitHubApp } from "./github-app.js";

export const JWT_NOT_DECODED = "A JSON web token could not be decoded";
export const JWT_ISS = "'Issuer' claim ('iss') must be an Integer";
export const JWT_IAT =
  "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
export const JWT_EXPIRED =
  "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
export const JWT_TOO_LONG = "'Expiration time' claim ('exp') is too far in the future";

/** Clock skew GitHub tolerates (its docs: set `iat` 60 seconds in the past). */
export const JWT_SKEW_S = 60;
/** Longest JWT lifetime GitHub accepts. */
export const JWT_MAX_LIFETIME_S = 600;

export type JwtCheck = { ok: true } | { ok: false; message: string };

const SEGMENT = /^[A-Za-z0-9_-]+$/;

function decodeJson(segment: string): Record<string, unknown> | null {
  if (!SEGMENT.test(segment)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The App id an `iss` names: a number, a numeric string, or the client id; null if none. */
function issuer(iss: unknown, app: GitHubApp): number | null {
  if (typeof iss === "number") return Number.isInteger(iss) ? iss : null;
  if (typeof iss !== "string") return null;
  if (iss === app.clientId) return app.id;
  return /^\d{1,15}$/.test(iss) ? Number(iss) : null;
}

export function verifyAppJwt(token: string | null, app: GitHubApp, nowS: number): JwtCheck {
  const fail = (message: string): JwtCheck => ({ ok: false, message });
  const parts = (token ?? "").split(".");
  if (parts.length !== 3) return fail(JWT_NOT_DECODED);
  const [head = "", body = "", signature = ""] = parts;
  const header = decodeJson(head);
  const claims = decodeJson(body);
  if (!header || !claims || header.alg !== "RS256" || !SEGMENT.test(signature)) return fail(JWT_NOT_DECODED);
  const appId = issuer(claims.iss, app);
  if (appId === null) return fail(JWT_ISS);
  // Another App id: GitHub checks the signature with that App's key, which this one never matches.
  if (appId !== app.id) return fail(JWT_NOT_DECODED);
  const key = app.publicKey();
  if (!key) return fail(JWT_NOT_DECODED);
  let valid = false;
  try {
    valid = verify("sha256", Buffer.from(`${head}.${body}`), key, Buffer.from(signature, "base64url"));
  } catch {
    valid = false;
  }
  if (!valid) return fail(JWT_NOT_DECODED);
  const { iat, exp } = claims;
  if (typeof iat !== "number" || !Number.isInteger(iat) || iat > nowS + JWT_SKEW_S) return fail(JWT_IAT);
  if (typeof exp !== "number" || !Number.isFinite(exp) || exp <= iat || exp < nowS - JWT_SKEW_S)
    return fail(JWT_EXPIRED);
  if (exp - iat > JWT_MAX_LIFETIME_S || exp > nowS + JWT_MAX_LIFETIME_S + JWT_SKEW_S)
    return fail(JWT_TOO_LONG);
  return { ok: true };
}
