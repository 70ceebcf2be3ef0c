/**
 * A user's notifications: `GET /api/notifications?user=&unread=&kind=` (newest first;
 * `goal.progress` only with `kind=goal.progress`), `POST /api/notifications/:id/read`, and
 * `POST /api/notifications/read?user=` to mark all read. A member reads and marks only their own.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { idParams } from "../../contract/common.js";
import { notification, notificationsQuery, type Notification } from "../../contract/notifications.js";
import { page, pageOf } from "../../contract/page.js";
import { listNotifications, markAllRead, markRead } from "../../store/notification-list.js";
import type { NotificationRow } from "../../store/notification-outbox.js";
import { requireUser } from "../../store/users.js";
import { GhsyncError } from "../../util/errors.js";
import { requireSelfOrAdmin } from "../auth.js";
import type { ApiContext } from "../server.js";

export function notificationView(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    data: row.data,
    created_at: row.createdAt.toISOString(),
    read_at: row.readAt?.toISOString() ?? null,
    dispatched_at: row.dispatchedAt?.toISOString() ?? null,
  };
}

export function notificationRoutes({ database }: ApiContext): FastifyPluginAsyncZod {
  const db = database.db;
  return async (app) => {
    app.get(
      "/api/notifications",
      {
        schema: {
          querystring: notificationsQuery,
          response: { 200: page(notification) },
          description: "A user's notifications, newest first.",
        },
      },
      async (request) => {
        requireSelfOrAdmin(request.principal, request.query.user);
        const user = await requireUser(db, request.query.user);
        const limit = request.query.limit ?? 50;
        const rows = await listNotifications(db, {
          userId: user.id,
          unread: request.query.unread ?? false,
          kind: request.query.kind,
          before: request.query.cursor,
          limit: limit + 1,
        });
        return pageOf(rows, limit, notificationView, (row) => row.id);
      },
    );

    app.post(
      "/api/notifications/:id/read",
      {
        config: { member: true },
        schema: {
          params: idParams,
          response: { 200: notification },
          description: "Mark one read.",
        },
      },
      async (request) => {
        const { role, userId } = request.principal;
        const row = await markRead(db, request.params.id, role === "admin" ? undefined : (userId ?? -1));
        if (!row) throw new GhsyncError("not_found", `no notification ${request.params.id}`, { status: 404 });
        return notificationView(row);
      },
    );

    app.post(
      "/api/notifications/read",
      {
        config: { member: true },
        schema: {
          querystring: z.object({ user: z.string().min(1) }),
          response: { 200: z.object({ marked: z.number().int().describe("how many were unread") }) },
          description: "Mark all of a user's notifications read.",
        },
      },
      async (request) => {
        requireSelfOrAdmin(request.principal, request.query.user);
        const user = await requireUser(db, request.query.user);
        return { marked: await markAllRead(db, user.id) };
      },
    );
  };
}
