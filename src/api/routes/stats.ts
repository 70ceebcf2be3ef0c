/**
 * Mirror counts (`ghsync stats --json`), the rate-limit ledger per credential and resource, and
 * how current the mirror is with what keeping it so costs (`/api/status`).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { page } from "../../contract/page.js";
import { rateLimit, statusSummary } from "../../contract/operations.js";
import { mirrorCounts as mirrorCountsSchema, statsQuery } from "../../contract/repositories.js";
import { queueSummary, rateLimitReadings, trackedStaleness } from "../../store/operations.js";
import { pollingBudget, pollPointsLastHour } from "../../store/poll-state.js";
import { statsOf } from "../../app/mirror-stats.js";
import type { RepoVisibility } from "../../app/repo-visibility.js";
import { hiddenFrom } from "../private-repositories.js";
import type { ApiContext } from "../server.js";

export function statsRoutes(
  { database, settings }: ApiContext,
  visibility: RepoVisibility,
): FastifyPluginAsyncZod {
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
          hidden: await hiddenFrom(visibility, request),
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
    app.get(
      "/api/status",
      {
        schema: {
          response: { 200: statusSummary },
          description:
            "Staleness of the tracked repositories (p50/p95/max), the polling budget and what it spent in the last hour, the queue and the credentials' limits.",
        },
      },
      async () => {
        const db = database.db;
        const [staleness, spent, queue, credentials] = await Promise.all([
          trackedStaleness(db),
          pollPointsLastHour(db),
          queueSummary(db),
          rateLimitReadings(db),
        ]);
        return {
          staleness,
          polling: pollingBudget(settings.pollBudgetShare, credentials, spent),
          queue,
          credentials,
        };
      },
    );
  };
}
