/**
 * `GET /api/health`: 200 while the database answers, 503 when it does not. Anyone (a load
 * balancer) gets only that; an authenticated caller also gets the queue (depth, age of the oldest
 * job ready to run), the webhook backlog, the credentials' status and the database error — what
 * an operator needs to tell "down" from "behind", and what a stranger has no business seeing.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { healthSummary, healthy, unhealthy, unhealthySummary } from "../../contract/operations.js";
import { queueSummary, rateLimitReadings } from "../../store/operations.js";
import { webhookBacklog } from "../../store/webhook-deliveries.js";
import type { ApiContext } from "../server.js";

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function healthRoutes({ database, runner }: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/health",
      {
        config: { anonymous: true },
        schema: {
          response: { 200: z.union([healthy, healthSummary]), 503: z.union([unhealthy, unhealthySummary]) },
          description:
            "Liveness; 503 when the database is unreachable. Authenticated: also the backlog, the credentials and the error.",
        },
      },
      async (request, reply) => {
        const started = Date.now();
        const detailed = request.authenticated;
        try {
          const [queue, limits, webhooks] = await withTimeout(
            (async () => {
              await database.db.execute(sql`select 1`);
              if (!detailed) return [];
              return Promise.all([
                queueSummary(database.db),
                rateLimitReadings(database.db),
                webhookBacklog(database.db),
              ]);
            })(),
            CHECK_TIMEOUT_MS,
          );
          if (!queue || !limits || !webhooks)
            return reply.status(200).send({ status: "ok", database: { ok: true } });
          const credentials = [
            ...new Map(
              limits.map((l) => [l.credential, { label: l.credential, status: l.status, reason: l.reason }]),
            ).values(),
          ];
          return reply.status(200).send({
            status: "ok",
            database: { ok: true, kind: database.kind, latency_ms: Date.now() - started },
            queue: { depth: queue.queued + queue.waiting, ...queue },
            credentials,
            webhooks,
            jobs: runner.disabled ?? "running",
          });
        } catch (error) {
          if (!detailed) return reply.status(503).send({ status: "unavailable", database: { ok: false } });
          return reply.status(503).send({
            status: "unavailable",
            database: { ok: false, kind: database.kind, error: (error as Error).message },
            queue: null,
            credentials: null,
            jobs: runner.disabled ?? "running",
          });
        }
      },
    );
  };
}
