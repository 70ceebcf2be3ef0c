/**
 * API authentication (DESIGN.md, Contract): `Authorization: Bearer <token>` with GHSYNC_API_TOKEN
 * or a token from `ghsync token create`, or the dashboard's session cookie — whose writes (any
 * method but GET/HEAD/OPTIONS) must also carry the session's `X-CSRF-Token`. Checked in
 * `onRequest`, before the body is read or validated, so a request without credentials gets 401
 * whatever it sends. Routes marked `open` skip it; routes marked `cron` also take
 * GHSYNC_CRON_SECRET (header `X-Cron-Secret` or Bearer); routes marked `anonymous` answer a request
 * without credentials too, with less (`request.authenticated` tells them which).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { findApiToken } from "../store/api-tokens.js";
import type { Db } from "../store/database.js";
import { findSession, type Session } from "../store/sessions.js";
import { GhsyncError } from "../util/errors.js";
import type { AttemptLimiter } from "./attempt-limiter.js";
import { SESSION_COOKIE, readCookie } from "./session-cookie.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** No authentication (health, docs, public profile, webhooks). */
    open?: boolean;
    /** Also accepts the cron secret. */
    cron?: boolean;
    /** Also answers a request that sends no credentials (wrong ones still get 401). */
    anonymous?: boolean;
  }
  interface FastifyRequest {
    /** Whether the request proved who it is (false on open routes and anonymous callers). */
    authenticated: boolean;
  }
}

function sameSecret(given: string, expected: string): boolean {
  // Compare digests: equal length whatever was sent, so the comparison time says nothing.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export interface AuthSecrets {
  apiToken: string | undefined;
  cronSecret: string | undefined;
}

/**
 * `verifyApiToken` behind the limit on failed attempts: 429 with Retry-After while the client is
 * over it; a failure counts towards it.
 */
export async function checkApiToken(
  db: Db,
  secrets: AuthSecrets,
  limiter: AttemptLimiter,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): Promise<{ apiTokenId: number | null } | undefined> {
  const waitMs = limiter.waitFor(request.ip);
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1_000);
    reply.header("retry-after", String(seconds));
    throw new GhsyncError(
      "rate_limited",
      `too many invalid tokens from this address: retry in ${seconds} s`,
      {
        status: 429,
      },
    );
  }
  const valid = await verifyApiToken(db, secrets, token);
  if (!valid) limiter.failed(request.ip);
  return valid;
}

/**
 * Whether `token` is a valid API token (GHSYNC_API_TOKEN or a stored one) — the check of Bearer
 * auth and of the dashboard's login form. `apiTokenId` is null for GHSYNC_API_TOKEN.
 */
export async function verifyApiToken(
  db: Db,
  secrets: AuthSecrets,
  token: string,
): Promise<{ apiTokenId: number | null } | undefined> {
  if (secrets.apiToken && sameSecret(token, secrets.apiToken)) return { apiTokenId: null };
  const stored = await findApiToken(db, token);
  return stored ? { apiTokenId: stored.id } : undefined;
}

/** The live session of the request's cookie, if any. */
export async function sessionOf(db: Db, request: FastifyRequest): Promise<Session | undefined> {
  const secret = readCookie(request.headers.cookie, SESSION_COOKIE);
  return secret === undefined ? undefined : findSession(db, secret);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function checkCsrf(request: FastifyRequest, session: Session): void {
  if (SAFE_METHODS.has(request.method)) return;
  const header = request.headers["x-csrf-token"];
  if (typeof header === "string" && sameSecret(header, session.csrfToken)) return;
  throw new GhsyncError(
    "csrf_failed",
    "this change needs the session's X-CSRF-Token header (from GET /api/session): reload the dashboard",
    { status: 403 },
  );
}

function proven(request: FastifyRequest): void {
  request.authenticated = true;
}

export function authenticate(db: Db, secrets: AuthSecrets, limiter: AttemptLimiter) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const config = request.routeOptions.config;
    if (config.open) return;
    const bearer = bearerOf(request);
    if (config.cron && secrets.cronSecret) {
      const cronHeader = request.headers["x-cron-secret"];
      const given = typeof cronHeader === "string" ? cronHeader : bearer;
      if (given !== undefined && sameSecret(given, secrets.cronSecret)) return proven(request);
    }
    if (bearer !== undefined) {
      if (await checkApiToken(db, secrets, limiter, request, reply, bearer)) return proven(request);
      throw new GhsyncError("unauthorized", "the API token is not valid", { status: 401 });
    }
    const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
    const session = cookie === undefined ? undefined : await findSession(db, cookie);
    if (session) {
      checkCsrf(request, session);
      return proven(request);
    }
    if (config.anonymous && cookie === undefined) return;
    throw new GhsyncError(
      "unauthorized",
      cookie !== undefined
        ? "the dashboard session has expired: sign in again"
        : "authentication required: send Authorization: Bearer <token> (GHSYNC_API_TOKEN, or a token from `ghsync token create`), or sign in on the dashboard",
      { status: 401 },
    );
  };
}
