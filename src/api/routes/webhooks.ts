/**
 * `POST /webhooks/github` (open; authenticated by its signature) and the delivery history:
 * `GET /api/webhooks/deliveries?status=&event=`, `POST /api/webhooks/deliveries/:id/redeliver`.
 * Without GITHUB_WEBHOOK_SECRET the receiver answers 503 "webhooks not configured".
 *
 * What a stranger's requests cost is bounded (issue 20, finding 3): an unsigned request is
 * answered before its body is read; the bodies read before their signature is checked hold at
 * most UNVERIFIED_BYTES at once (503 with Retry-After beyond); an address is written to the inbox
 * for at most REJECTIONS_PER_MINUTE rejections a minute — beyond, it is still answered (a real
 * delivery from behind the same proxy still gets through) but nothing is stored for it, and an
 * unsigned request, which can never be a delivery, gets 429.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { idParams } from "../../contract/common.js";
import { page, pageOf } from "../../contract/page.js";
import { deliveriesQuery, delivery } from "../../contract/webhooks.js";
import { processDelivery } from "../../jobs/process-delivery.js";
import { QUEUES } from "../../jobs/queue.js";
import type { RepoVisibility } from "../../app/repo-visibility.js";
import { hiddenFrom } from "../private-repositories.js";
import { deliveryView, listDeliveries, resetDelivery } from "../../store/webhook-deliveries.js";
import { GhsyncError } from "../../util/errors.js";
import { AttemptLimiter } from "../attempt-limiter.js";
import { ByteBudget } from "../byte-budget.js";
import { MAX_BODY_BYTES, WebhookReceiver, type WebhookAnswer } from "../../webhooks/receiver.js";
import type { ApiContext } from "../server.js";

/** Rejections an address may have written to the inbox each minute. */
// Ten a second: enough for a real sender with a wrong secret to show up in the inbox, little for a flood.
const REJECTIONS_PER_MINUTE = 600;
/** Bodies read before their signature is checked, at once (a 25 MiB delivery always fits alone). */
const UNVERIFIED_BYTES = 64 * 1024 * 1024;
const BUSY_RETRY_MS = 5_000;

function refuse(reply: FastifyReply, status: number, code: string, reason: string, waitMs: number) {
  const seconds = Math.ceil(waitMs / 1_000);
  return reply
    .status(status)
    .header("retry-after", String(seconds))
    .send({ status: "rejected", error: { code, message: `${reason}: retry in ${seconds} s` } });
}

export function webhookRoutes(
  { database, runner, settings, log }: ApiContext,
  visibility: RepoVisibility,
): FastifyPluginAsyncZod {
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
  const rejections = new AttemptLimiter(REJECTIONS_PER_MINUTE);
  const unverified = new ByteBudget(UNVERIFIED_BYTES);
  const record = (request: FastifyRequest) => ({ record: rejections.waitFor(request.ip) === 0 });
  const counted = (request: FastifyRequest, answer: WebhookAnswer) => {
    if (answer.status === 401 || answer.status === 413) rejections.failed(request.ip);
    return answer;
  };
  return async (app) => {
    // The signature covers the raw bytes: read every body as a Buffer, whatever its type.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: MAX_BODY_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    // An unsigned request is answered before its body is read (issue 20, finding 3: 30 unsigned
    // 24 MiB bodies were each buffered whole first).
    const screen = async (request: FastifyRequest, reply: FastifyReply) => {
      if (settings.webhookSecrets.length === 0) return;
      if (request.headers["x-hub-signature-256"] === undefined) {
        const wait = rejections.waitFor(request.ip);
        if (wait > 0) return refuse(reply, 429, "rate_limited", "too many rejected requests", wait);
        const answer = counted(request, await receiver.rejectUnsigned(request.headers, record(request)));
        return reply.status(answer.status).send(answer.body);
      }
      const announced = Number(request.headers["content-length"]);
      const bytes = Number.isSafeInteger(announced) && announced >= 0 ? announced : MAX_BODY_BYTES;
      if (!unverified.take(bytes))
        return refuse(reply, 503, "busy", "too many large deliveries are being read", BUSY_RETRY_MS);
      reply.raw.once("close", () => unverified.give(bytes));
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
            const answer = counted(request, await receiver.rejectOversized(request.headers, record(request)));
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
        const answer = counted(request, await receiver.receive(request.headers, body, record(request)));
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
          hidden: await hiddenFrom(visibility, request),
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
