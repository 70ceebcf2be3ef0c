/**
 * API authentication (DESIGN.md, Contract): `Authorization: Bearer <token>` with GHSYNC_API_TOKEN
 * or a token from `ghsync token create`, or the dashboard's session cookie — whose writes (any
 * method but GET/HEAD/OPTIONS) must also carry the session's `X-CSRF-Token`. Checked in
 * `onRequest`, before the body is read or validated, so a request without credentials gets 401
 * whatever it sends. Then roles (docs/security.md): a member's write is 403 unless the route is
 * marked `member`. Routes marked `open` skip it; routes marked `cron` also take
 * GHSYNC_CRON_SECRET (header `X-Cron-Secret` or Bearer); routes marked `anonymous` answer a request
 * without credentials too, with less (`request.authenticated` tells them which).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Role } from "../contract/enums.js";
import { findApiToken } from "../store/api-tokens.js";
import type { Db } from "../store/database.js";
import { findSession, type Session } from "../store/sessions.js";
import { personRole } from "../store/sign-ins.js";
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
    /** A write a member may make (on what is theirs: the route checks); other writes are admins'. */
    member?: boolean;
  }
  interface FastifyRequest {
    /** Whether the request proved who it is (false on open routes and anonymous callers). */
    authenticated: boolean;
    /** Who is asking, once authenticated: a person with their role, or automation (an admin). */
    principal: Principal;
  }
}

/**
 * Who a request acts as. GHSYNC_API_TOKEN, the cron secret and tokens of nobody are automation:
 * admins without a person (`userId` null). A person's token or session acts with their role.
 */
export interface Principal {
  userId: number | null;
  login: string | null;
  role: Role;
}

export const AUTOMATION: Principal = { userId: null, login: null, role: "admin" };
/** Before authentication, and on open routes: nobody, with no rights. */
export const NOBODY: Principal = { userId: null, login: null, role: "member" };

/** The principal of a token's or session's person (null: automation). */
export async function principalOf(db: Db, userId: number | null): Promise<Principal | undefined> {
  if (userId === null) return AUTOMATION;
  const person = await personRole(db, userId);
  return person ? { userId: person.id, login: person.login, role: person.role } : undefined;
}

/** Constant-time comparison of a secret given with the one expected. */
export function sameSecret(given: string, expected: string): boolean {
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
): Promise<{ apiTokenId: number | null; userId: number | null } | undefined> {
  refuseWhileLimited(limiter, request, reply, "invalid tokens");
  const valid = await verifyApiToken(db, secrets, token);
  if (!valid) limiter.failed(request.ip);
  return valid;
}

/** 429 with Retry-After while the client is over the limit of failed attempts. */
export function refuseWhileLimited(
  limiter: AttemptLimiter,
  request: FastifyRequest,
  reply: FastifyReply,
  what: string,
): void {
  const waitMs = limiter.waitFor(request.ip);
  if (waitMs <= 0) return;
  const seconds = Math.ceil(waitMs / 1_000);
  reply.header("retry-after", String(seconds));
  throw new GhsyncError("rate_limited", `too many ${what} from this address: retry in ${seconds} s`, {
    status: 429,
  });
}

/**
 * Whether `token` is a valid API token (GHSYNC_API_TOKEN or a stored one) — the check of Bearer
 * auth and of the dashboard's login form. `apiTokenId` is null for GHSYNC_API_TOKEN; `userId` is
 * the token's person (null: automation).
 */
export async function verifyApiToken(
  db: Db,
  secrets: AuthSecrets,
  token: string,
): Promise<{ apiTokenId: number | null; userId: number | null } | undefined> {
  if (secrets.apiToken && sameSecret(token, secrets.apiToken)) return { apiTokenId: null, userId: null };
  const stored = await findApiToken(db, token);
  return stored ? { apiTokenId: stored.id, userId: stored.userId } : undefined;
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

function forbidden(): GhsyncError {
  return new GhsyncError("forbidden", "only an admin may change this (GHSYNC_ADMINS names them)", {
    status: 403,
  });
}

/** Marks the request authenticated as `principal`; a member's write needs a route marked `member`. */
function proven(request: FastifyRequest, principal: Principal | undefined): void {
  // The token's or session's person was removed: it acts as nobody.
  if (!principal)
    throw new GhsyncError("unauthorized", "the person signed in no longer exists", { status: 401 });
  if (principal.role !== "admin" && !SAFE_METHODS.has(request.method) && !request.routeOptions.config.member)
    throw forbidden();
  request.authenticated = true;
  request.principal = principal;
}

/** 403 unless the principal is an admin or the person `login` itself. */
export function requireSelfOrAdmin(principal: Principal, login: string): void {
  if (principal.role === "admin") return;
  if (principal.login !== null && principal.login.toLowerCase() === login.toLowerCase()) return;
  throw new GhsyncError("forbidden", `a member sees only their own data, not ${login}'s`, { status: 403 });
}

export function authenticate(db: Db, secrets: AuthSecrets, limiter: AttemptLimiter) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    request.principal = NOBODY;
    const config = request.routeOptions.config;
    if (config.open) return;
    const bearer = bearerOf(request);
    if (config.cron && secrets.cronSecret) {
      const cronHeader = request.headers["x-cron-secret"];
      const given = typeof cronHeader === "string" ? cronHeader : bearer;
      if (given !== undefined && sameSecret(given, secrets.cronSecret)) return proven(request, AUTOMATION);
    }
    if (bearer !== undefined) {
      const valid = await checkApiToken(db, secrets, limiter, request, reply, bearer);
      if (valid) return proven(request, await principalOf(db, valid.userId));
      throw new GhsyncError("unauthorized", "the API token is not valid", { status: 401 });
    }
    const cookie = readCookie(request.headers.cookie, SESSION_COOKIE);
    const session = cookie === undefined ? undefined : await findSession(db, cookie);
    if (session) {
      checkCsrf(request, session);
      return proven(request, await principalOf(db, session.userId));
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
