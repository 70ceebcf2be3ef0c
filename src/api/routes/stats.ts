/** Mirror counts (`ghsync stats --json`) and the rate-limit ledger per credential and resource. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { page } from "../../contract/page.js";
import { rateLimit } from "../../contract/operations.js";
import { mirrorCounts as mirrorCountsSchema, statsQuery } from "../../contract/repositories.js";
import { rateLimitReadings } from "../../store/operations.js";
import { statsOf } from "../../app/mirror-stats.js";
import type { ApiContext } from "../server.js";

export function statsRoutes({ database }: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/stats",
      {
        schema: {
          querystring: statsQuery,
          response: { 200: mirrorCountsSchema },
          description: "The same counts as `ghsync stats --json` (404 for a repository not in the mirror).",
        },
      },
      async (request) =>
        statsOf(database.db, {
          ...(request.query.repo ? { repositories: [request.query.repo] } : {}),
          ...(request.query.org ? { org: request.query.org } : {}),
        }),
    );
    app.get(
      "/api/rate-limits",
      {
        schema: {
          response: { 200: page(rateLimit) },
          description: "Rate-limit budget per credential and resource, from GitHub's headers.",
        },
      },
      async () => ({ items: await rateLimitReadings(database.db), next_cursor: null }),
    );
  };
}
