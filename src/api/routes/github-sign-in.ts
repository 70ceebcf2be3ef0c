/**
 * "Sign in with GitHub" (OAuth web flow; docs/security.md): `GET /api/auth/github` sends the
 * browser to GitHub with a random `state` that is also put in a short-lived httpOnly cookie;
 * `GET /api/auth/github/callback` accepts only the `state` of that cookie (a forged callback from
 * another site carries another one: CSRF), trades the code for the person's token, asks GitHub who
 * it is, and starts the dashboard session as the pasted-token sign-in does. Failures count towards
 * the sign-in attempt limit and land on the login page with `?sign_in_error=`.
 *
 * With `?link=1`, a person already signed in links the GitHub account they consent with to
 * themselves instead (the state names them): back to their page with `?linked=` or `?link_error=`.
 */
import { randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { linkWithGitHub, signInWithGitHub } from "../../app/sign-in.js";
import {
  authorizeUrl,
  exchangeCode,
  fetchGitHubUser,
  oauthWebUrl,
  type Fetch,
  type GitHubUser,
} from "../../github/oauth.js";
import { personRole } from "../../store/sign-ins.js";
import { GhsyncError, isGhsyncError } from "../../util/errors.js";
import { SecretBox } from "../../util/secret-box.js";
import type { AttemptLimiter } from "../attempt-limiter.js";
import { refuseWhileLimited, sameSecret, sessionOf } from "../auth.js";
import { OAUTH_STATE_COOKIE, readCookie, stateCookie } from "../session-cookie.js";
import type { ApiContext } from "../server.js";
import { startSession } from "./session.js";

const CALLBACK_PATH = "/api/auth/github/callback";
/** Time to consent on GitHub (GitHub's codes live 10 minutes). */
const STATE_TTL_S = 600;

const startQuery = z.object({
  link: z
    .enum(["1", "true"])
    .optional()
    .describe("link the account consented with to the person signed in, instead of signing in"),
});

/** A linking state names the person who started it: `link.<user id>.<random>`. */
const LINKING = /^link\.(\d+)\./;

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

  /**
   * The callback of `?link=1`. The person is the one the state names: the state cookie proves this
   * browser started the linking signed in as them (the session's cookie is SameSite=Strict, so
   * GitHub's redirect back does not carry it).
   */
  const linkAccount = async (
    request: FastifyRequest,
    reply: FastifyReply,
    userId: number,
    github: GitHubUser,
  ) => {
    const person = await personRole(db, userId);
    if (!person)
      throw new GhsyncError("unauthorized", "the person who started linking no longer exists", {
        status: 401,
      });
    const page = `/people/${encodeURIComponent(person.login)}`;
    try {
      await linkWithGitHub(db, userId, github);
    } catch (failure) {
      if (!isGhsyncError(failure) || failure.status >= 500) throw failure;
      return reply.redirect(`${page}?link_error=${encodeURIComponent(failure.message)}`, 303);
    }
    request.log.info({ login: person.login, github: github.login }, "linked a GitHub account");
    return reply.redirect(`${page}?linked=${encodeURIComponent(github.login)}`, 303);
  };

  return async (app) => {
    app.addHook("onSend", async (_request, reply) => {
      reply.header("cache-control", "no-store");
    });

    app.get(
      "/api/auth/github",
      {
        config: { open: true },
        schema: {
          querystring: startQuery,
          response: {
            302: z.null().describe("to GitHub's consent page"),
            303: z.null().describe("linking while signed out: to the login page with ?sign_in_error="),
          },
          description:
            "Sign in with GitHub (or, with `link`, link another GitHub account to the person signed in): redirects to GitHub's consent page.",
        },
      },
      async (request, reply) => {
        const oauth = configured();
        const linking = request.query.link !== undefined;
        const random = randomBytes(24).toString("base64url");
        let state = random;
        if (linking) {
          const session = await sessionOf(db, request);
          if (session?.userId == null)
            return reply.redirect(
              `/?sign_in_error=${encodeURIComponent("sign in first, then link another GitHub account from your page")}`,
              303,
            );
          state = `link.${session.userId}.${random}`;
        }
        setState(request, reply, state, STATE_TTL_S);
        const target = authorizeUrl({
          webUrl,
          clientId: oauth.clientId,
          redirectUri: callbackUrl(request),
          state,
          pickAccount: linking,
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
            "Where GitHub sends the person back: starts the session, then redirects to the dashboard (linking: links the account, then redirects to the person's page with ?linked= or ?link_error=).",
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
          const linkingFor = LINKING.exec(state)?.[1];
          if (linkingFor !== undefined) return await linkAccount(request, reply, Number(linkingFor), github);
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
