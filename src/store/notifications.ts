/** Writing notifications: one row per fact (its dedupe key), whoever announces it and however often. */
import type { NotificationKind } from "../contract/enums.js";
import type { Db } from "./database.js";
import { notifications } from "./schema.js";

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  title: string;
  body?: string;
  data?: Record<string, unknown>;
  /** Names the fact (`goal:12:2026-11-30T00:00:00.000Z`): a repeat of it is not stored again. */
  dedupeKey: string;
}

/** Stores the notification unless its fact was already announced; returns its id when it is new. */
export async function insertNotification(db: Db, notification: NewNotification): Promise<number | undefined> {
  const [row] = await db
    .insert(notifications)
    .values(notification)
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  return row?.id;
}
