/**
 * "Sign in with GitHub" (OAuth web flow; docs/security.md): `GET /api/auth/github` sends the
 * browser to GitHub with a random `state` that is also put in a short-lived httpOnly cookie;
 * `GET /api/auth/github/callback` accepts only the `state` of that cookie (a forged callback from
 * another site carries another one: CSRF), trades the code for the person's token, asks GitHub who
 * it is, and starts the dashboard session as the pasted-token sign-in does. Failures count towards
 * the sign-in attempt limit and land on the login page with `?sign_in_error=`.
 */
import { randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { signInWithGitHub } from "../../app/sign-in.js";
import { authorizeUrl, exchangeCode, fetchGitHubUser, oauthWebUrl, type Fetch } from "../../github/oauth.js";
import { GhsyncError, isGhsyncError } from "../../util/errors.js";
import { SecretBox } from "../../util/secret-box.js";
import type { AttemptLimiter } from "../attempt-limiter.js";
import { refuseWhileLimited, sameSecret } from "../auth.js";
import { OAUTH_STATE_COOKIE, readCookie, stateCookie } from "../session-cookie.js";
import type { ApiContext } from "../server.js";
import { startSession } from "./session.js";

const CALLBACK_PATH = "/api/auth/github/callback";
/** Time to consent on GitHub (GitHub's codes live 10 minutes). */
const STATE_TTL_S = 600;

const callbackQuery = z.object({
  code: z.string().optional(),
  state: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

export function githubSignInRoutes(
  { database, settings }: ApiContext,
  attempts: AttemptLimiter,
  fetchFn: Fetch = fetch,
): FastifyPluginAsyncZod {
  const db = database.db;
  const webUrl = oauthWebUrl(settings.githubApiUrl);
  const policy = {
    admins: settings.admins,
    signup: settings.oauthSignup,
    secrets: SecretBox.ifConfigured(settings),
  };

  /** The callback address GitHub sends the person back to: GHSYNC_PUBLIC_URL's, else this request's. */
  const callbackUrl = (request: FastifyRequest) =>
    `${settings.publicUrl ?? `${request.protocol}://${request.host}`}${CALLBACK_PATH}`;

  const configured = () => {
    if (settings.oauth) return settings.oauth;
    throw new GhsyncError(
      "oauth_not_configured",
      "Sign in with GitHub is not configured: set GITHUB_OAUTH_CLIENT_ID and GITHUB_OAUTH_CLIENT_SECRET",
      { status: 404 },
    );
  };

  const setState = (request: FastifyRequest, reply: FastifyReply, value: string, maxAgeS: number) =>
    reply.header("set-cookie", stateCookie(value, { maxAgeS, secure: request.protocol === "https" }));

  return async (app) => {
    app.addHook("onSend", async (_request, reply) => {
      reply.header("cache-control", "no-store");
    });

    app.get(
      "/api/auth/github",
      {
        config: { open: true },
        schema: {
          response: { 302: z.null().describe("to GitHub's consent page") },
          description: "Sign in with GitHub: redirects to GitHub's consent page.",
        },
      },
      async (request, reply) => {
        const oauth = configured();
        const state = randomBytes(24).toString("base64url");
        setState(request, reply, state, STATE_TTL_S);
        const target = authorizeUrl({
          webUrl,
          clientId: oauth.clientId,
          redirectUri: callbackUrl(request),
          state,
        });
        return reply.redirect(target, 302);
      },
    );

    app.get(
      CALLBACK_PATH,
      {
        config: { open: true },
        schema: {
          querystring: callbackQuery,
          response: { 303: z.null().describe("to the dashboard, or to the login page with ?sign_in_error=") },
          description:
            "Where GitHub sends the person back: starts the session, then redirects to the dashboard.",
        },
      },
      async (request, reply) => {
        const oauth = configured();
        refuseWhileLimited(attempts, request, reply, "failed sign-ins");
        const expected = readCookie(request.headers.cookie, OAUTH_STATE_COOKIE);
        // Used once, whatever happens next (Fastify appends the session's cookie to this one).
        setState(request, reply, "", 0);
        try {
          const { code, state, error, error_description: description } = request.query;
          if (error !== undefined)
            throw new GhsyncError(
              "oauth_failed",
              `GitHub did not sign you in (${error}): ${description ?? ""}`,
              {
                status: 401,
              },
            );
          if (state === undefined || expected === undefined || !sameSecret(state, expected))
            throw new GhsyncError(
              "state_mismatch",
              "this sign-in was not started here, or took over 10 minutes: start it again",
              { status: 401 },
            );
          if (code === undefined)
            throw new GhsyncError("oauth_failed", "GitHub sent no code back: sign in again", { status: 401 });
          const token = await exchangeCode(fetchFn, {
            webUrl,
            clientId: oauth.clientId,
            clientSecret: oauth.clientSecret,
            code,
            redirectUri: callbackUrl(request),
          });
          const github = await fetchGitHubUser(fetchFn, settings.githubApiUrl, token);
          const person = await signInWithGitHub(db, policy, github, token);
          const session = await startSession(db, request, reply, { apiTokenId: null, userId: person.id });
          request.log.info(
            { login: person.login, role: person.role, session: session.id },
            "signed in with GitHub",
          );
          return reply.redirect("/", 303);
        } catch (failure) {
          if (!isGhsyncError(failure) || failure.status >= 500) throw failure;
          attempts.failed(request.ip);
          return reply.redirect(`/?sign_in_error=${encodeURIComponent(failure.message)}`, 303);
        }
      },
    );
  };
}
