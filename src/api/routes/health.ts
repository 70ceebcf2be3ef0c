/**
 * `GET /api/health` (open): 200 while the database answers, 503 when it does not, with the queue
 * (depth, age of the oldest job ready to run), the webhook backlog and the credentials' status — what a load balancer
 * and an operator need to tell "down" from "behind".
 */
import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { healthy, unhealthy } from "../../contract/operations.js";
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
        config: { open: true },
        schema: {
          response: { 200: healthy, 503: unhealthy },
          description: "Liveness and backlog; 503 when the database is unreachable.",
        },
      },
      async (_request, reply) => {
        const started = Date.now();
        try {
          const [queue, limits, webhooks] = await withTimeout(
            (async () => {
              await database.db.execute(sql`select 1`);
              return Promise.all([
                queueSummary(database.db),
                rateLimitReadings(database.db),
                webhookBacklog(database.db),
              ]);
            })(),
            CHECK_TIMEOUT_MS,
          );
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
