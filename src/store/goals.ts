/** Goal rows and their history: reads and writes only (progress is metrics/goal-progress.ts). */
import { and, asc, desc, eq, gt, isNull, lte, sql } from "drizzle-orm";
import { GhsyncError } from "../util/errors.js";
import type { Db } from "./database.js";
import { goalHistory, goals, repositories, users } from "./schema.js";

export type GoalRow = typeof goals.$inferSelect;
export type NewGoal = typeof goals.$inferInsert;
export type GoalHistoryRow = typeof goalHistory.$inferSelect;

/** A goal with what its views need: its owner's login and timezone, its repository's name. */
export interface GoalRecord {
  goal: GoalRow;
  login: string;
  timezone: string;
  repository: string | null;
}

const recordColumns = {
  goal: goals,
  login: users.login,
  timezone: users.timezone,
  repository: repositories.fullName,
};

function selectRecords(db: Db) {
  return db
    .select(recordColumns)
    .from(goals)
    .innerJoin(users, eq(users.id, goals.userId))
    .leftJoin(repositories, eq(repositories.id, goals.repositoryId));
}

export async function insertGoal(db: Db, goal: NewGoal): Promise<GoalRow> {
  const [row] = await db.insert(goals).values(goal).returning();
  if (!row) throw new Error("the goal was not stored");
  return row;
}

export async function findGoal(db: Db, id: number): Promise<GoalRecord | undefined> {
  const [row] = await selectRecords(db).where(eq(goals.id, id));
  return row;
}

export async function requireGoal(db: Db, id: number): Promise<GoalRecord> {
  const record = await findGoal(db, id);
  if (!record) throw new GhsyncError("goal_not_found", `no goal ${id}`, { status: 404 });
  return record;
}

/** Goals by id, optionally one user's; `after` pages by id. */
export async function listGoals(
  db: Db,
  filter: { userId?: number; after?: number; limit: number },
): Promise<GoalRecord[]> {
  return selectRecords(db)
    .where(
      and(
        filter.userId === undefined ? undefined : eq(goals.userId, filter.userId),
        filter.after === undefined ? undefined : gt(goals.id, filter.after),
      ),
    )
    .orderBy(asc(goals.id))
    .limit(filter.limit);
}

/** Goals still counting (not ended), optionally only those whose period ended by `endedBy`. */
export async function openGoals(db: Db, options: { endedBy?: Date } = {}): Promise<GoalRecord[]> {
  return selectRecords(db)
    .where(
      and(
        isNull(goals.endedAt),
        options.endedBy === undefined ? undefined : lte(goals.periodEnd, options.endedBy),
      ),
    )
    .orderBy(asc(goals.id));
}

export async function updateGoal(db: Db, id: number, changes: Partial<NewGoal>): Promise<GoalRow> {
  const [row] = await db
    .update(goals)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(goals.id, id))
    .returning();
  if (!row) throw new GhsyncError("goal_not_found", `no goal ${id}`, { status: 404 });
  return row;
}

/** Records `current` as evaluated; returns whether it differed from the stored value. */
export async function recordCurrent(db: Db, goal: GoalRow, current: number, at: Date): Promise<boolean> {
  const rows = await db
    .update(goals)
    .set({ current, evaluatedAt: at })
    .where(and(eq(goals.id, goal.id), eq(goals.periodStart, goal.periodStart), sql`current <> ${current}`))
    .returning({ id: goals.id });
  return rows.length > 0;
}

/** Sets `completed_at` once per period; returns whether this call set it. */
export async function markCompleted(db: Db, goal: GoalRow, at: Date): Promise<boolean> {
  const rows = await db
    .update(goals)
    .set({ completedAt: at })
    .where(and(eq(goals.id, goal.id), eq(goals.periodStart, goal.periodStart), isNull(goals.completedAt)))
    .returning({ id: goals.id });
  return rows.length > 0;
}

export async function deleteGoal(db: Db, id: number): Promise<void> {
  const removed = await db.delete(goals).where(eq(goals.id, id)).returning({ id: goals.id });
  if (removed.length === 0) throw new GhsyncError("goal_not_found", `no goal ${id}`, { status: 404 });
}

/** Writes a finished period's result; a second write of the same period is a no-op. */
export async function insertHistory(db: Db, entry: typeof goalHistory.$inferInsert): Promise<void> {
  await db
    .insert(goalHistory)
    .values(entry)
    .onConflictDoNothing({ target: [goalHistory.goalId, goalHistory.periodStart] });
}

export async function historyOf(db: Db, goalId: number): Promise<GoalHistoryRow[]> {
  return db
    .select()
    .from(goalHistory)
    .where(eq(goalHistory.goalId, goalId))
    .orderBy(desc(goalHistory.periodStart));
}

/**
 * Moves a goal from the period starting at `from` to the next one, unless another process did it
 * already (then returns undefined).
 */
export async function advancePeriod(
  db: Db,
  goal: GoalRow,
  next: { start: Date; end: Date; current: number },
): Promise<GoalRow | undefined> {
  const [row] = await db
    .update(goals)
    .set({
      periodStart: next.start,
      periodEnd: next.end,
      current: next.current,
      completedAt: null,
      evaluatedAt: null,
      updatedAt: new Date(),
    })
    .where(and(eq(goals.id, goal.id), eq(goals.periodStart, goal.periodStart)))
    .returning();
  return row;
}
