/**
 * What a user reads: their notifications newest first (`goal.progress` only when asked for by
 * kind — it is frequent and meant for automations), and marking them read.
 */
import { and, desc, eq, isNull, lt, ne, sql } from "drizzle-orm";
import type { NotificationKind } from "../contract/enums.js";
import type { Db } from "./database.js";
import type { NotificationRow } from "./notification-outbox.js";
import { notifications } from "./schema.js";

export const HIDDEN_BY_DEFAULT = "goal.progress";

export async function listNotifications(
  db: Db,
  options: {
    userId: number;
    unread: boolean;
    kind: NotificationKind | undefined;
    before: number | undefined;
    limit: number;
  },
): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, options.userId),
        options.unread ? isNull(notifications.readAt) : undefined,
        options.kind === undefined
          ? ne(notifications.kind, HIDDEN_BY_DEFAULT)
          : eq(notifications.kind, options.kind),
        options.before === undefined ? undefined : lt(notifications.id, options.before),
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(options.limit);
}

/** Marks one read (the first read time is kept); undefined when there is no such notification. */
/** Marks one read — only if it is `userId`'s, when given. */
export async function markRead(db: Db, id: number, userId?: number): Promise<NotificationRow | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), userId === undefined ? undefined : eq(notifications.userId, userId)))
    .returning();
  return row;
}

/** Marks every unread notification of a user read; returns how many. */
export async function markAllRead(db: Db, userId: number): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
