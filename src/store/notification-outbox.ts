/**
 * The dispatcher's side of `notifications` (the outbox): claim one undispatched row at a time
 * (FOR UPDATE SKIP LOCKED, so concurrent workers never take the same row), then either mark it
 * dispatched or put it back with the time its next retry is due. The claim is a lease in
 * `dispatch_after`: a worker that dies leaves the row to be claimed again once the lease ends.
 * Times come from the caller's clock (tests pass a fake one), not the database's `now()`.
 */
import { and, asc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "./database.js";
import { notifications, users } from "./schema.js";

export type NotificationRow = typeof notifications.$inferSelect;

/** Claims the oldest ready notification until `leaseEnd`; undefined when none is ready at `now`. */
export async function claimNextNotification(
  db: Db,
  now: Date,
  leaseEnd: Date,
): Promise<NotificationRow | undefined> {
  const ready = db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        isNull(notifications.dispatchedAt),
        or(isNull(notifications.dispatchAfter), lte(notifications.dispatchAfter, now)),
      ),
    )
    // Oldest first, through the partial index of undispatched rows (dispatched ones are never scanned).
    .orderBy(asc(notifications.createdAt))
    .limit(1)
    .for("update", { skipLocked: true });
  const [row] = await db
    .update(notifications)
    .set({ dispatchAfter: leaseEnd })
    .where(inArray(notifications.id, ready))
    .returning();
  return row;
}

/** Every target is done with it: delivered, refused, or given up. */
export async function markDispatched(db: Db, id: number, at: Date): Promise<void> {
  await db
    .update(notifications)
    .set({ dispatchedAt: at, dispatchAfter: null })
    .where(eq(notifications.id, id));
}

/** Some target retries later: the row rests until `retryAt`. */
export async function postponeDispatch(db: Db, id: number, retryAt: Date): Promise<void> {
  await db.update(notifications).set({ dispatchAfter: retryAt }).where(eq(notifications.id, id));
}

/** The owner of a notification, for its email and for messages about their targets. */
export async function notificationOwner(db: Db, userId: number) {
  const [row] = await db
    .select({ id: users.id, login: users.login, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}
