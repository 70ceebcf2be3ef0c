/** Helpers for the GitHub App tests: JWTs signed with node:crypto, requests with a chosen credential. */
import { sign } from "node:crypto";
import type { Reply } from "./helpers.js";

/** A JWT signed RS256 with `privateKey` (PEM), with exactly these claims (and header). */
export function signJwt(
  privateKey: string,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: "RS256", typ: "JWT" },
): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const data = `${encode(header)}.${encode(claims)}`;
  return `${data}.${sign("sha256", Buffer.from(data), privateKey).toString("base64url")}`;
}

/** The JWT @octokit/auth-app would make at `nowS`: iat 30 s back, exp 10 minutes after iat. */
export function appJwt(privateKey: string, appId: number | string, nowS: number): string {
  return signJwt(privateKey, { iat: nowS - 30, exp: nowS - 30 + 600, iss: appId });
}

export interface CallOptions {
  method?: string;
  /** The whole Authorization header, or null for none. */
  authorization: string | null;
  body?: unknown;
}

/** One request to the emulator (redirects not followed). */
export async function call(base: string, path: string, options: CallOptions): Promise<Reply> {
  const headers: Record<string, string> = { accept: "application/vnd.github+json" };
  if (options.authorization !== null) headers.authorization = options.authorization;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(path.startsWith("http") ? path : `${base}${path}`, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: "manual",
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: text ? (JSON.parse(text) as unknown) : null,
  };
}
