/**
 * A user's notifications: `GET /api/notifications?user=&unread=&kind=` (newest first;
 * `goal.progress` only with `kind=goal.progress`), `POST /api/notifications/:id/read`, and
 * `POST /api/notifications/read?user=` to mark all read.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { NOTIFICATION_KINDS } from "../../contract/enums.js";
import { listNotifications, markAllRead, markRead } from "../../store/notification-list.js";
import type { NotificationRow } from "../../store/notification-outbox.js";
import { requireUser } from "../../store/users.js";
import { GhsyncError } from "../../util/errors.js";
import type { ApiContext } from "../server.js";

const listQuery = z.object({
  user: z.string().min(1).describe("the user's login"),
  unread: z.stringbool().optional().describe("only unread ones"),
  kind: z
    .enum(NOTIFICATION_KINDS)
    .optional()
    .describe("one kind, e.g. goal.completed (goal.progress is listed only when asked)"),
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export function notificationView(row: NotificationRow) {
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
      { schema: { querystring: listQuery, description: "A user's notifications, newest first." } },
      async (request) => {
        const user = await requireUser(db, request.query.user);
        const limit = request.query.limit ?? 50;
        const rows = await listNotifications(db, {
          userId: user.id,
          unread: request.query.unread ?? false,
          kind: request.query.kind,
          before: request.query.cursor === undefined ? undefined : Number(request.query.cursor),
          limit,
        });
        const last = rows.at(-1);
        return {
          items: rows.map(notificationView),
          next_cursor: rows.length === limit && last ? String(last.id) : null,
        };
      },
    );

    app.post(
      "/api/notifications/:id/read",
      {
        schema: {
          params: z.object({ id: z.coerce.number().int().positive() }),
          description: "Mark one read.",
        },
      },
      async (request) => {
        const row = await markRead(db, request.params.id);
        if (!row) throw new GhsyncError("not_found", `no notification ${request.params.id}`, { status: 404 });
        return notificationView(row);
      },
    );

    app.post(
      "/api/notifications/read",
      {
        schema: {
          querystring: z.object({ user: z.string().min(1) }),
          description: "Mark all of a user's notifications read.",
        },
      },
      async (request) => {
        const user = await requireUser(db, request.query.user);
        return { marked: await markAllRead(db, user.id) };
      },
    );
  };
}
