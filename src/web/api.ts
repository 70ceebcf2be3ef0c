/**
 * The dashboard's only way to the server: same-origin fetch with the session cookie (the browser
 * sends it; no token lives in this page), the session's CSRF token on every write, and errors as
 * ApiError with the server's code and message. A 401 means the session ended: back to sign-in.
 */
import type { Role } from "../contract/enums.js";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let csrfToken: string | null = null;
let onSignedOut: () => void = () => undefined;
let admin = false;
let person: string | null = null;
let githubSignIn = false;

export function setSession(
  token: string | null,
  signedOut: () => void,
  who: { role: Role; login: string | null; github_sign_in: boolean } | null = null,
): void {
  csrfToken = token;
  onSignedOut = signedOut;
  admin = who?.role === "admin";
  person = who?.login ?? null;
  githubSignIn = who?.github_sign_in ?? false;
}

/** Whether "Sign in with GitHub" is configured: a person links their other accounts with it. */
export function githubSignInOffered(): boolean {
  return githubSignIn;
}

/** The login of the person signed in (null: automation, or signed out). */
export function signedInLogin(): string | null {
  return person;
}

/**
 * Whether the person signed in manages (repositories, people, goals, tokens, targets): members'
 * pages show no such controls, and the server answers their writes 403 anyway.
 */
export function canManage(): boolean {
  return admin;
}

/** Whether the person signed in may change what is `login`'s (goals, streak settings): an admin anyone's, a member their own. */
export function mayChange(login: string): boolean {
  return admin || (person !== null && person.toLowerCase() === login.toLowerCase());
}

type Method = "GET" | "POST" | "DELETE" | "PATCH" | "PUT";

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, "network", "the server did not answer: is ghsync still running?");
  }
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as
    (T & { error?: { code?: string; message?: string } }) | null;
  if (!response.ok) {
    if (response.status === 401 && path !== "/api/session") onSignedOut();
    throw new ApiError(
      response.status,
      data?.error?.code ?? `http_${response.status}`,
      data?.error?.message ?? `the server answered ${response.status} ${response.statusText}`,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  delete: <T = void>(path: string) => request<T>("DELETE", path),
};

/** A query string of the set values: `?status=failed&repo=acme%2Fweb`, or "". */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}
