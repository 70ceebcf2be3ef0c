/**
 * Developer and repository metrics (docs/goals-and-metrics.md, "Metrics"), computed from the mirror on each request:
 * `GET /api/metrics/users/:login`, `GET /api/metrics/repos/:owner/:repo` (the triaged issue list
 * `GET /api/repos/:owner/:repo/issues` is with the other lists: lists.ts), the weekly series of the dashboard's
 * Activity page `GET /api/metrics/activity`, and the DORA keys with CI health `GET
 * /api/metrics/dora` (docs/dora.md). (`/metrics` is Prometheus: metrics.ts.)
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { doraReport } from "../../app/dora.js";
import { repoParams } from "../../contract/common.js";
import { doraQuery, doraReport as doraReportSchema } from "../../contract/dora.js";
import {
  activityQuery,
  activityReport,
  metricWindowQuery,
  repositoryMetrics,
  teamRollup as teamRollupSchema,
  userMetrics as userMetricsSchema,
} from "../../contract/metrics.js";
import { activityMetrics } from "../../metrics/activity-metrics.js";
import { repoMetrics } from "../../metrics/repo-metrics.js";
import { teamRollup } from "../../metrics/team-rollup.js";
import { userMetrics } from "../../metrics/user-metrics.js";
import type { RepoVisibility } from "../../app/repo-visibility.js";
import { hiddenFrom } from "../private-repositories.js";
import type { ApiContext } from "../server.js";

export function developerMetricsRoutes(
  { database, settings }: ApiContext,
  visibility: RepoVisibility,
): FastifyPluginAsyncZod {
  const db = database.db;
  const options = { botLogins: settings.botLogins };
  return async (app) => {
    app.get(
      "/api/metrics/users/:login",
      {
        schema: {
          params: z.object({ login: z.string().min(1).max(100) }),
          querystring: metricWindowQuery,
          response: { 200: userMetricsSchema },
          description:
            "A person's commits, PRs, reviews, cycle/pickup/review times, PR size, throughput, streaks and achievements.",
        },
      },
      async (request) =>
        userMetrics(db, request.params.login, request.query, {
          ...options,
          hidden: await hiddenFrom(visibility, request),
        }),
    );
    app.get(
      "/api/metrics/repos/:owner/:repo",
      {
        schema: {
          params: repoParams,
          querystring: metricWindowQuery,
          response: { 200: repositoryMetrics },
          description:
            "A repository's activity, PR timings, throughput, issue triage summary and health score.",
        },
      },
      async (request) =>
        repoMetrics(db, `${request.params.owner}/${request.params.repo}`, request.query, options),
    );
    app.get(
      "/api/metrics/repos/:owner/:repo/teams",
      {
        schema: {
          params: repoParams,
          querystring: metricWindowQuery,
          response: { 200: teamRollupSchema },
          description:
            "A repository's commits, PRs opened and merged and cycle time per team of its organization (what each team's members authored there).",
        },
      },
      async (request) =>
        teamRollup(db, `${request.params.owner}/${request.params.repo}`, request.query, options),
    );
    app.get(
      "/api/metrics/activity",
      {
        schema: {
          querystring: activityQuery,
          response: { 200: activityReport },
          description:
            "Per week: commits, PRs opened and merged, reviews, median cycle and pickup time (at most 371 days).",
        },
      },
      async (request) =>
        activityMetrics(db, request.query, { ...options, hidden: await hiddenFrom(visibility, request) }),
    );
    app.get(
      "/api/metrics/dora",
      {
        schema: {
          querystring: doraQuery,
          response: { 200: doraReportSchema },
          description:
            "The four DORA keys (deployment frequency, lead time for changes, change failure rate, failed deployment recovery time) with DevLake's 2023 bands, a weekly trend, the deliveries and incidents behind them and CI health, of repositories (`repo`, repeatable), an organization (`org`) or a team (`team=ORG/TEAM`); the same document as `ghsync metrics dora --json` (404 for a scope not in the mirror).",
        },
      },
      async (request) =>
        doraReport(db, request.query, settings.dora, new Date(), await hiddenFrom(visibility, request)),
    );
  };
}
