/**
 * `GET /api/public/:login`: the public profile of a person marked public — goals, totals and
 * streak over public repositories only. Open (no token), so rate-limited per client IP; a person
 * who is not public gets the same 404 as one who does not exist.
 */
import rateLimit from "@fastify/rate-limit";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { loginParams } from "../../contract/common.js";
import {
  leaderboard as leaderboardSchema,
  publicProfile as publicProfileSchema,
} from "../../contract/metrics.js";
import { publicLeaderboard } from "../../metrics/leaderboard.js";
import { publicProfile } from "../../metrics/public-profile.js";
import { findUser } from "../../store/users.js";
import { GhsyncError } from "../../util/errors.js";
import type { ApiContext } from "../server.js";

export function publicProfileRoutes({ database, settings }: ApiContext): FastifyPluginAsyncZod {
  const env = { db: database.db, botLogins: settings.botLogins, now: () => new Date() };
  return async (app) => {
    // Only routes that ask for it (`config.rateLimit`) are limited; counts are per process.
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) =>
        new GhsyncError(
          "rate_limited",
          `too many requests to the public profile: at most ${context.max} a minute; retry in ${context.after}`,
          { status: 429 },
        ),
    });
    app.get(
      "/api/public/leaderboard",
      {
        config: { open: true, rateLimit: { max: settings.publicRateLimit, timeWindow: 60_000 } },
        schema: {
          response: { 200: leaderboardSchema },
          security: [],
          description:
            "People who are public and opted in to the leaderboard, ranked by commits of the last 30 days, then pull requests merged, then streak (public repositories only).",
        },
      },
      async () => publicLeaderboard(env),
    );
    app.get(
      "/api/public/:login",
      {
        config: { open: true, rateLimit: { max: settings.publicRateLimit, timeWindow: 60_000 } },
        schema: {
          params: loginParams,
          response: { 200: publicProfileSchema },
          security: [],
          description: "A public person's goals, totals and streak (public repositories only).",
        },
      },
      async (request) => {
        const user = await findUser(env.db, request.params.login);
        if (!user?.public) {
          throw new GhsyncError("not_found", `no public profile ${request.params.login}`, { status: 404 });
        }
        return publicProfile(env, user);
      },
    );
  };
}
