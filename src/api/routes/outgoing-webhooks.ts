/**
 * A user's outgoing targets: `GET/POST /api/users/:login/webhooks` (POST answers 201 with the
 * signing secret, shown this once), `DELETE …/:id`, `POST …/:id/enable` (after it was disabled),
 * `GET …/:id/deliveries` (every attempt, newest first), `POST …/:id/test` (a test message, sent now);
 * `POST /api/users/:login/email/test`, a test email to the person's address (email is not a target).
 * A member manages their own targets (403 for another person's); an admin anyone's.
 */
import { randomBytes } from "node:crypto";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { noContent } from "../../contract/common.js";
import {
  createdTarget,
  emailTestResult,
  newTarget,
  target,
  targetDeliveriesQuery,
  targetDelivery,
  targetTestResult,
  type Target,
} from "../../contract/notifications.js";
import { page, pageOf } from "../../contract/page.js";
import { dispatchEnvFor } from "../../notify/dispatch-env-for.js";
import { DEFAULT_EVENTS, displayUrl, targetUrlProblem } from "../../notify/targets.js";
import { sendTestEmail } from "../../notify/test-email.js";
import { sendTestMessage } from "../../notify/test-target.js";
import { listDeliveries, type OutgoingDeliveryRow } from "../../store/outgoing-deliveries.js";
import {
  createWebhook,
  deleteWebhook,
  enableWebhook,
  findWebhook,
  listWebhooks,
  type OutgoingWebhookRow,
} from "../../store/outgoing-webhooks.js";
import { requireUser } from "../../store/users.js";
import { GhsyncError } from "../../util/errors.js";
import { SecretBox } from "../../util/secret-box.js";
import { requireSelfOrAdmin } from "../auth.js";
import type { ApiContext } from "../server.js";

const userParams = z.object({ login: z.string().min(1) });
const webhookParams = userParams.extend({ id: z.coerce.number().int().positive() });

const iso = (date: Date | null) => date?.toISOString() ?? null;

function webhookView(row: OutgoingWebhookRow): Target {
  return {
    id: row.id,
    kind: row.kind,
    url: displayUrl(row.kind, row.url),
    events: row.events,
    active: row.active,
    consecutive_failures: row.consecutiveFailures,
    disabled_at: iso(row.disabledAt),
    disabled_reason: row.disabledReason,
    created_at: row.createdAt.toISOString(),
  };
}

function deliveryView(row: OutgoingDeliveryRow) {
  return {
    id: row.id,
    notification_id: row.notificationId,
    event: row.event,
    attempt: row.attempt,
    status: row.status,
    response_status: row.responseStatus,
    error: row.error,
    duration_ms: row.durationMs,
    attempted_at: row.attemptedAt.toISOString(),
    next_attempt_at: iso(row.nextAttemptAt),
  };
}

export function outgoingWebhookRoutes({ database, settings, log }: ApiContext): FastifyPluginAsyncZod {
  const db = database.db;
  const owned = async (login: string, id: number) => {
    const user = await requireUser(db, login);
    const webhook = await findWebhook(db, user.id, id);
    if (!webhook) throw new GhsyncError("not_found", `${login} has no webhook ${id}`, { status: 404 });
    return { user, webhook };
  };
  return async (app) => {
    // Every route here is one person's (`:login`): theirs, or an admin's.
    app.addHook("preHandler", async (request) => {
      requireSelfOrAdmin(request.principal, (request.params as { login: string }).login);
    });

    app.get(
      "/api/users/:login/webhooks",
      {
        schema: {
          params: userParams,
          response: { 200: page(target) },
          description: "A user's outgoing webhooks, Slack and Discord targets.",
        },
      },
      async (request) => {
        const user = await requireUser(db, request.params.login);
        return { items: (await listWebhooks(db, user.id)).map(webhookView), next_cursor: null };
      },
    );

    app.post(
      "/api/users/:login/webhooks",
      {
        config: { member: true },
        schema: {
          params: userParams,
          body: newTarget,
          response: { 201: createdTarget },
          description: "Add a target; the answer holds its signing secret, shown only this once.",
        },
      },
      async (request, reply) => {
        const user = await requireUser(db, request.params.login);
        const problem = targetUrlProblem(request.body.url, settings.allowPrivateWebhooks);
        if (problem) throw new GhsyncError("invalid_request", `url: ${problem}`, { status: 400 });
        const box = SecretBox.fromSetting(settings, "target URLs and signing secrets");
        const kind = request.body.kind ?? "webhook";
        const secret = randomBytes(32).toString("hex");
        const row = await createWebhook(db, {
          userId: user.id,
          kind,
          url: displayUrl(kind, request.body.url),
          urlEncrypted: box.seal(request.body.url),
          events: [...new Set(request.body.events ?? DEFAULT_EVENTS[kind])],
          secretEncrypted: box.seal(secret),
        });
        return reply.status(201).send({ ...webhookView(row), secret });
      },
    );

    app.delete(
      "/api/users/:login/webhooks/:id",
      {
        config: { member: true },
        schema: {
          params: webhookParams,
          response: { 204: noContent },
          description: "Remove a target and its delivery history.",
        },
      },
      async (request, reply) => {
        const { user } = await owned(request.params.login, request.params.id);
        await deleteWebhook(db, user.id, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/users/:login/webhooks/:id/enable",
      {
        config: { member: true },
        schema: {
          params: webhookParams,
          response: { 200: target },
          description: "Turn a disabled target back on (failures reset).",
        },
      },
      async (request) => {
        const { user } = await owned(request.params.login, request.params.id);
        const row = await enableWebhook(db, user.id, request.params.id);
        if (!row) throw new GhsyncError("not_found", `no webhook ${request.params.id}`, { status: 404 });
        return webhookView(row);
      },
    );

    app.post(
      "/api/users/:login/webhooks/:id/test",
      {
        config: { member: true },
        schema: {
          params: webhookParams,
          response: { 200: targetTestResult },
          description:
            "Send a test message (event `ping`) to a target now, disabled or not; not retried, not in its delivery log.",
        },
      },
      async (request) => {
        const { webhook } = await owned(request.params.login, request.params.id);
        const sent = await sendTestMessage(dispatchEnvFor(settings, database, log), webhook);
        return {
          status: sent.status,
          response_status: sent.responseStatus,
          error: sent.error,
          duration_ms: sent.durationMs,
        };
      },
    );

    app.post(
      "/api/users/:login/email/test",
      {
        config: { member: true },
        schema: {
          params: userParams,
          response: { 200: emailTestResult },
          description: "Send a test email to the person's address now; not stored, not retried.",
        },
      },
      async (request) => {
        const user = await requireUser(db, request.params.login);
        if (!user.email)
          throw new GhsyncError("no_email", `${user.login} has no email address: set one first`, {
            status: 409,
          });
        const env = dispatchEnvFor(settings, database, log);
        try {
          return { to: user.email, ...(await sendTestEmail(env.mailer, user.email)) };
        } finally {
          env.mailer?.close();
        }
      },
    );

    app.get(
      "/api/users/:login/webhooks/:id/deliveries",
      {
        schema: {
          params: webhookParams,
          querystring: targetDeliveriesQuery,
          response: { 200: page(targetDelivery) },
          description: "Every delivery attempt to a target, newest first.",
        },
      },
      async (request) => {
        await owned(request.params.login, request.params.id);
        const limit = request.query.limit ?? 50;
        const rows = await listDeliveries(db, request.params.id, {
          before: request.query.cursor,
          limit: limit + 1,
        });
        return pageOf(rows, limit, deliveryView, (row) => row.id);
      },
    );
  };
}
