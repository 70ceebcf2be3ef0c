/** Mirror counts (`ghsync stats --json`) and the rate-limit ledger per credential and resource. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { rateLimitReadings } from "../../store/operations.js";
import { mirrorCounts } from "../../store/stats.js";
import type { ApiContext } from "../server.js";

const statsQuery = z.object({
  repo: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, "must be OWNER/REPO")
    .optional(),
  org: z.string().optional(),
});

export function statsRoutes({ database }: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/stats",
      { schema: { querystring: statsQuery, description: "The same counts as `ghsync stats --json`." } },
      async (request) =>
        mirrorCounts(database.db, {
          ...(request.query.repo ? { repositories: [request.query.repo] } : {}),
          ...(request.query.org ? { org: request.query.org } : {}),
        }),
    );
    app.get(
      "/api/rate-limits",
      { schema: { description: "Rate-limit budget per credential and resource, from GitHub's headers." } },
      async () => ({ items: await rateLimitReadings(database.db), next_cursor: null }),
    );
  };
}
