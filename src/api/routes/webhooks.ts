/**
 * `POST /webhooks/github` (open; authenticated by its signature) and the delivery history:
 * `GET /api/webhooks/deliveries?status=&event=`, `POST /api/webhooks/deliveries/:id/redeliver`.
 * Without GITHUB_WEBHOOK_SECRET the receiver answers 503 "webhooks not configured".
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idParams } from "../../contract/common.js";
import { page, pageOf } from "../../contract/page.js";
import { deliveriesQuery, delivery } from "../../contract/webhooks.js";
import { processDelivery } from "../../jobs/process-delivery.js";
import { QUEUES } from "../../jobs/queue.js";
import { deliveryView, listDeliveries, resetDelivery } from "../../store/webhook-deliveries.js";
import { GhsyncError } from "../../util/errors.js";
import { MAX_BODY_BYTES, WebhookReceiver } from "../../webhooks/receiver.js";
import type { ApiContext } from "../server.js";

export function webhookRoutes({ database, runner, settings, log }: ApiContext): FastifyPluginAsyncZod {
  const deliveries = {
    database,
    queue: runner.queue,
    log,
    appConfigured: settings.githubAppId !== undefined,
  };
  const receiver = new WebhookReceiver(
    { database, log, apply: (id) => processDelivery(deliveries, id) },
    settings.webhookSecrets,
  );
  return async (app) => {
    // The signature covers the raw bytes: read every body as a Buffer, whatever its type.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: MAX_BODY_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    // An unsigned request is answered before its body is read (issue 20, finding 3: 30 unsigned
    // 24 MiB bodies were each buffered whole first).
    const screen = async (request: FastifyRequest, reply: FastifyReply) => {
      if (settings.webhookSecrets.length === 0 || request.headers["x-hub-signature-256"] !== undefined)
        return;
      const answer = await receiver.rejectUnsigned(request.headers);
      return reply.status(answer.status).send(answer.body);
    };
    app.post(
      "/webhooks/github",
      {
        config: { open: true },
        onRequest: screen,
        bodyLimit: MAX_BODY_BYTES,
        schema: { hide: true },
        errorHandler: async (error: FastifyError, request, reply) => {
          if (error.statusCode === 413) {
            const answer = await receiver.rejectOversized(request.headers);
            return reply.status(answer.status).send(answer.body);
          }
          throw error;
        },
      },
      async (request, reply) => {
        if (settings.webhookSecrets.length === 0) {
          return reply.status(503).send({
            status: "rejected",
            error: { code: "not_configured", message: "webhooks not configured: set GITHUB_WEBHOOK_SECRET" },
          });
        }
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const answer = await receiver.receive(request.headers, body);
        return reply.status(answer.status).send(answer.body);
      },
    );

    app.get(
      "/api/webhooks/deliveries",
      {
        schema: {
          querystring: deliveriesQuery,
          response: { 200: page(delivery) },
          description: "Webhook deliveries, newest first.",
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const rows = await listDeliveries(database.db, {
          status: request.query.status,
          event: request.query.event,
          before: request.query.cursor,
          limit: limit + 1,
        });
        return pageOf(rows, limit, deliveryView, (row) => row.id);
      },
    );

    app.post(
      "/api/webhooks/deliveries/:id/redeliver",
      {
        schema: {
          params: idParams,
          response: { 202: delivery },
          description: "Apply a stored delivery again (after a failure, or to re-check an ignored one).",
        },
      },
      async (request, reply) => {
        const row = await resetDelivery(database.db, request.params.id);
        if (!row) {
          throw new GhsyncError(
            "not_found",
            `no delivery ${request.params.id} that can be redelivered (rejected ones never are)`,
            {
              status: 404,
            },
          );
        }
        await runner.queue.send(QUEUES.webhook, { deliveryId: row.id });
        return reply.status(202).send(deliveryView(row));
      },
    );
  };
}
