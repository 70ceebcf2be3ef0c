/**
 * The HTTP API (Fastify): JSON routes under /api, live events, health, Prometheus metrics, the
 * OpenAPI docs at /api/docs and the dashboard's pages at /. Errors answer `{error: {code,
 * message}}` (DESIGN.md, Contract).
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
} from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import type { Settings } from "../config/settings.js";
import type { JobRunner } from "../jobs/runner.js";
import { isConnectionError } from "../store/connection-errors.js";
import type { Database } from "../store/database.js";
import { isGhsyncError } from "../util/errors.js";
import type { Logger } from "../util/logger.js";
import { AttemptLimiter } from "./attempt-limiter.js";
import { RepoVisibility } from "../app/repo-visibility.js";
import { SecretBox } from "../util/secret-box.js";
import { authenticate, type Principal } from "./auth.js";
import { hidePrivateRepositories } from "./private-repositories.js";
import { dashboardRoutes } from "./dashboard.js";
import { refuseNulCharacters } from "./nul-characters.js";
import { apiSecurityHeaders } from "./security-headers.js";
import { developerMetricsRoutes } from "./routes/developer-metrics.js";
import { githubSignInRoutes } from "./routes/github-sign-in.js";
import { goalRoutes } from "./routes/goals.js";
import { healthRoutes } from "./routes/health.js";
import { listRoutes } from "./routes/lists.js";
import { metricsRoutes } from "./routes/metrics.js";
import { notificationRoutes } from "./routes/notifications.js";
import { outgoingWebhookRoutes } from "./routes/outgoing-webhooks.js";
import { publicProfileRoutes } from "./routes/public-profile.js";
import { repoRoutes } from "./routes/repos.js";
import { sessionRoutes } from "./routes/session.js";
import { statsRoutes } from "./routes/stats.js";
import { syncEventsRoute } from "./routes/sync-events.js";
import { syncRoutes } from "./routes/sync.js";
import { tokenRoutes } from "./routes/tokens.js";
import { userRoutes } from "./routes/users.js";
import { webhookSetupRoute } from "./routes/webhook-setup.js";
import { webhookRoutes } from "./routes/webhooks.js";
import { capConnectionsPerAddress } from "./connection-cap.js";

export interface ApiContext {
  settings: Settings;
  database: Database;
  runner: JobRunner;
  log: Logger;
}

export async function buildApi(context: ApiContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: context.log as FastifyBaseLogger,
    // Requests are not logged one by one; failures are (see the error handler).
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
    // A public endpoint's limits (issue 20, finding 6: slow senders held connections for Node's
    // defaults, 60 s for headers and 300 s for a request): headers within 10 s, a whole request
    // (a 25 MiB delivery included) within 30 s, a silent connection closed after 2 minutes (the
    // event stream writes every 15 s). Checked every 2 s.
    http: { headersTimeout: 10_000, connectionsCheckingInterval: 2_000 },
    requestTimeout: 30_000,
    connectionTimeout: 120_000,
    // Behind a reverse proxy, the client's address (limits count per address) is in X-Forwarded-For.
    trustProxy: context.settings.trustProxy,
  });
  capConnectionsPerAddress(app.server, context.settings.maxConnectionsPerIp);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const detail = error.validation
        .map(
          (issue) =>
            `${issue.instancePath.replace(/^\//, "").replaceAll("/", ".") || error.validationContext}: ${issue.message}`,
        )
        .join("; ");
      return reply.status(400).send({ error: { code: "invalid_request", message: detail } });
    }
    // A 4xx or 503 of ours says what to do; PostgreSQL out of reach is a 503 too (try again), not a
    // 500. Anything else 5xx says only "internal error" and the request id to find it in the log.
    if (isGhsyncError(error) && (error.status < 500 || error.status === 503)) {
      return reply.status(error.status).send({ error: { code: error.code, message: error.message } });
    }
    if (isConnectionError(error)) {
      request.log.warn({ err: error, url: request.url }, "database unavailable");
      return reply
        .status(503)
        .header("retry-after", "5")
        .send({
          error: { code: "database_unavailable", message: "the database is unavailable; try again shortly" },
        });
    }
    const status = isGhsyncError(error) ? error.status : (error.statusCode ?? 500);
    if (status < 500) {
      const code = (error.code ?? "bad_request").toLowerCase().replace(/^fst_err_/, "");
      return reply.status(status).send({ error: { code, message: error.message } });
    }
    request.log.error({ err: error, url: request.url, request_id: request.id }, "request failed");
    return reply.status(status).send({
      error: { code: "internal", message: `internal error (request ${request.id}); see the server's log` },
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: { code: "not_found", message: `no route ${request.method} ${request.url}` } }),
  );

  // First: the headers are on every answer, a refusal by the authentication hook included.
  app.addHook("onRequest", apiSecurityHeaders);
  await app.register(swagger, {
    openapi: {
      info: { title: "ghsync API", version: "1" },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Docs are open: they describe the API, they do not expose data.
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/docs")) route.config = { ...route.config, open: true };
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  // One count of failed token checks for Bearer auth and the sign-in form alike.
  const attempts = new AttemptLimiter();
  app.decorateRequest("authenticated", false);
  // Set to NOBODY by the authentication hook first thing (a decorator cannot hold an object).
  app.decorateRequest("principal", null as unknown as Principal);
  app.addHook(
    "onRequest",
    authenticate(
      context.database.db,
      { apiToken: context.settings.apiToken, cronSecret: context.settings.cronSecret },
      attempts,
    ),
  );

  app.addHook("preValidation", refuseNulCharacters);
  const visibility = new RepoVisibility({
    db: context.database.db,
    apiUrl: context.settings.githubApiUrl,
    secrets: SecretBox.ifConfigured(context.settings),
  });
  app.addHook("preHandler", hidePrivateRepositories(visibility));

  await app.register(healthRoutes(context));
  await app.register(metricsRoutes(context));
  await app.register(developerMetricsRoutes(context, visibility));
  await app.register(listRoutes(context, visibility));
  await app.register(repoRoutes(context, visibility));
  await app.register(syncRoutes(context, visibility));
  await app.register(syncEventsRoute(context, visibility));
  await app.register(statsRoutes(context, visibility));
  await app.register(webhookRoutes(context, visibility));
  await app.register(notificationRoutes(context));
  await app.register(outgoingWebhookRoutes(context));
  await app.register(webhookSetupRoute(context));
  await app.register(sessionRoutes(context, attempts));
  await app.register(githubSignInRoutes(context, attempts));
  await app.register(userRoutes(context));
  await app.register(goalRoutes(context, visibility));
  await app.register(tokenRoutes(context));
  await app.register(publicProfileRoutes(context));
  // Last: its page fallback answers whatever no API route does.
  await app.register(dashboardRoutes());
  return app;
}
