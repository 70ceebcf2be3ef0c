/**
 * Developer and repository metrics (docs/goals-and-metrics.md, "Metrics"), computed from the mirror on each request:
 * `GET /api/metrics/users/:login`, `GET /api/metrics/repos/:owner/:repo` and the triaged issue
 * list `GET /api/repos/:owner/:repo/issues?sort=priority`, and the weekly series of the dashboard's
 * Activity page `GET /api/metrics/activity`. (`/metrics` is Prometheus: metrics.ts.)
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { activityMetrics } from "../../metrics/activity-metrics.js";
import { prioritizedIssues } from "../../metrics/prioritized-issues.js";
import { repoMetrics } from "../../metrics/repo-metrics.js";
import { userMetrics } from "../../metrics/user-metrics.js";
import type { ApiContext } from "../server.js";
import { pageQuery, repoParams } from "./schemas.js";

const windowQuery = z.object({
  from: z
    .string()
    .optional()
    .describe("a date (whole day in the subject's zone) or an ISO date-time; default 30 days before `to`"),
  to: z.string().optional().describe("a date (included) or an ISO date-time (excluded); default now"),
});

const activityQuery = windowQuery.extend({
  repo: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, "must be OWNER/NAME")
    .optional()
    .describe("only this repository"),
  user: z.string().min(1).max(100).optional().describe("only this person (ghsync or linked GitHub login)"),
});

const issueQuery = pageQuery.extend({
  sort: z.enum(["priority"]).default("priority"),
  state: z.enum(["open", "closed", "all"]).default("open"),
});

export function developerMetricsRoutes({ database, settings }: ApiContext): FastifyPluginAsyncZod {
  const db = database.db;
  const options = { botLogins: settings.botLogins };
  return async (app) => {
    app.get(
      "/api/metrics/users/:login",
      {
        schema: {
          params: z.object({ login: z.string().min(1).max(100) }),
          querystring: windowQuery,
          description:
            "A person's commits, PRs, reviews, cycle/pickup/review times, PR size, throughput, streaks and achievements.",
        },
      },
      async (request) => userMetrics(db, request.params.login, request.query, options),
    );
    app.get(
      "/api/metrics/repos/:owner/:repo",
      {
        schema: {
          params: repoParams,
          querystring: windowQuery,
          description:
            "A repository's activity, PR timings, throughput, issue triage summary and health score.",
        },
      },
      async (request) =>
        repoMetrics(db, `${request.params.owner}/${request.params.repo}`, request.query, options),
    );
    app.get(
      "/api/metrics/activity",
      {
        schema: {
          querystring: activityQuery,
          description:
            "Per week: commits, PRs opened and merged, reviews, median cycle and pickup time (at most 371 days).",
        },
      },
      async (request) => activityMetrics(db, request.query, options),
    );
    app.get(
      "/api/repos/:owner/:repo/issues",
      {
        schema: {
          params: repoParams,
          querystring: issueQuery,
          description:
            "Issues with severity, SLA, priority (0–100) and blocker flag, highest priority first.",
        },
      },
      async (request) =>
        prioritizedIssues(db, `${request.params.owner}/${request.params.repo}`, {
          state: request.query.state,
          limit: request.query.limit ?? 100,
          cursor: request.query.cursor,
        }),
    );
  };
}
