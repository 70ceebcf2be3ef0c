/**
 * The dashboard's sign-in: `POST /api/session {token}` checks an API token exactly as Bearer auth
 * does and sets the session cookie (acting as the token's person, if it has one); `GET
 * /api/session` (open, so the login page never meets a 401) says whether the cookie holds a live
 * session, who with which role, and its CSRF token — or, signed out, whether "Sign in with GitHub"
 * is offered (github-sign-in.ts); `DELETE` signs out.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { noContent } from "../../contract/common.js";
import { sessionView as sessionSchema, signedIn, signInBody, type SignedIn } from "../../contract/session.js";
import type { Db } from "../../store/database.js";
import { createSession, deleteSession, type Session } from "../../store/sessions.js";
import { GhsyncError } from "../../util/errors.js";
import type { AttemptLimiter } from "../attempt-limiter.js";
import { checkApiToken, principalOf, sessionOf } from "../auth.js";
import { SESSION_COOKIE, readCookie, sessionCookie } from "../session-cookie.js";
import type { ApiContext } from "../server.js";

export const SESSION_TTL_MS = 12 * 60 * 60 * 1_000;

async function sessionView(db: Db, session: Session, githubSignIn: boolean): Promise<SignedIn> {
  const principal = await principalOf(db, session.userId);
  if (!principal)
    throw new GhsyncError("unauthorized", "the person signed in no longer exists", { status: 401 });
  return {
    authenticated: true as const,
    csrf_token: session.csrfToken,
    expires_at: session.expiresAt.toISOString(),
    login: principal.login,
    role: principal.role,
    github_sign_in: githubSignIn,
  };
}

/** Starts a session for the person (null: automation) and sets its cookie. */
export async function startSession(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  who: { apiTokenId: number | null; userId: number | null },
): Promise<Session> {
  const session = await createSession(db, { ...who, ttlMs: SESSION_TTL_MS });
  setCookie(request, reply, session.secret, SESSION_TTL_MS / 1_000);
  return session;
}

function setCookie(request: FastifyRequest, reply: FastifyReply, value: string, maxAgeS: number): void {
  reply.header("set-cookie", sessionCookie(value, { maxAgeS, secure: request.protocol === "https" }));
}

export function sessionRoutes(
  { database, settings }: ApiContext,
  attempts: AttemptLimiter,
): FastifyPluginAsyncZod {
  const db = database.db;
  const githubSignIn = settings.oauth !== undefined;
  return async (app) => {
    app.addHook("onSend", async (_request, reply) => {
      reply.header("cache-control", "no-store");
    });

    app.get(
      "/api/session",
      {
        config: { open: true },
        schema: { response: { 200: sessionSchema }, description: "Whether the session cookie is signed in." },
      },
      async (request) => {
        const session = await sessionOf(db, request);
        return session
          ? sessionView(db, session, githubSignIn)
          : { authenticated: false as const, github_sign_in: githubSignIn };
      },
    );

    app.post(
      "/api/session",
      {
        config: { open: true },
        schema: {
          body: signInBody,
          response: { 201: signedIn },
          description: "Sign in with an API token; sets the session cookie.",
        },
      },
      async (request, reply) => {
        const secrets = { apiToken: settings.apiToken, cronSecret: settings.cronSecret };
        const valid = await checkApiToken(db, secrets, attempts, request, reply, request.body.token);
        if (!valid) {
          throw new GhsyncError(
            "unauthorized",
            "that API token is not valid: use GHSYNC_API_TOKEN or a token from `ghsync token create`",
            { status: 401 },
          );
        }
        const session = await startSession(db, request, reply, valid);
        return reply.status(201).send(await sessionView(db, session, githubSignIn));
      },
    );

    app.delete(
      "/api/session",
      {
        config: { member: true },
        schema: {
          response: { 204: noContent },
          description: "Sign out: ends the session and clears its cookie.",
        },
      },
      async (request, reply) => {
        const secret = readCookie(request.headers.cookie, SESSION_COOKIE);
        if (secret !== undefined) await deleteSession(db, secret);
        setCookie(request, reply, "", 0);
        return reply.status(204).send(null);
      },
    );
  };
}
