/**
 * The public profile of a person marked public: goals with progress, all-time totals and the
 * current commit streak — counted over repositories that are not private, and nothing else.
 */
import type { Goal } from "../contract/goals.js";
import { AUTO_METRICS, type AutoMetric } from "../contract/enums.js";
import { sql } from "drizzle-orm";
import type { Db } from "../store/database.js";
import { listGoals } from "../store/goals.js";
import { queryRows } from "../store/raw-query.js";
import type { UserRow } from "../store/users.js";
import { localDay } from "./goal-periods.js";
import { countMetric } from "./goal-progress.js";
import { goalView } from "./goal-view.js";
import { commitOfPersonSql, isBotAccountSql } from "./people-scope.js";
import { streaks } from "./streaks.js";

export interface PublicProfile {
  login: string;
  name: string | null;
  timezone: string;
  goals: Omit<Goal, "last_synced_at" | "last_updated_at">[];
  totals: Record<AutoMetric, number>;
  streak: { current_days: number; frozen_days: string[]; last_commit_day: string | null };
}

/** Distinct local days of the person's commits in public repositories, newest first. */
/** The local days (newest first) with a commit of the person in a public repository. */
export async function commitDays(db: Db, user: UserRow, botLogins: string[]): Promise<string[]> {
  const rows = await queryRows<{ day: string | Date }>(
    db,
    sql`select distinct to_char(c.authored_at at time zone ${user.timezone}, 'YYYY-MM-DD') as day
      from commits c join repositories r on r.id = c.repository_id
      where c.on_default_branch and c.authored_at is not null and r.deleted_at is null and not r.private
        and (c.author_id is null or not ${isBotAccountSql(sql`c.author_id`, botLogins)})
        and ${commitOfPersonSql(user.id, botLogins)}
      order by day desc`,
  );
  return rows.map((row) => String(row.day));
}

export async function publicProfile(
  env: { db: Db; botLogins: string[]; now: () => Date },
  user: UserRow,
): Promise<PublicProfile> {
  const scope = { userId: user.id, start: null, end: null, repositoryId: null, publicOnly: true };
  const totals = {} as Record<AutoMetric, number>;
  for (const metric of AUTO_METRICS) {
    totals[metric] = await countMetric(env.db, metric, { ...scope, botLogins: env.botLogins });
  }
  const records = await listGoals(env.db, { userId: user.id, limit: 100 });
  const goals: PublicProfile["goals"] = [];
  for (const record of records) {
    // A goal about a private repository is not shown at all; the others count public rows only.
    const repositoryPrivate = await isPrivate(env.db, record.goal.repositoryId);
    if (repositoryPrivate) continue;
    const {
      last_synced_at: _synced,
      last_updated_at: _updated,
      ...view
    } = await goalView(env, record, { publicOnly: true });
    if (view.ended_at === null) goals.push(view);
  }
  const days = await commitDays(env.db, user, env.botLogins);
  const streak = streaks(days, localDay(user.timezone, env.now()), user.streakFreezes);
  return {
    login: user.login,
    name: user.name,
    timezone: user.timezone,
    goals,
    totals,
    streak: {
      current_days: streak.current,
      frozen_days: streak.frozen,
      last_commit_day: days[0] ?? null,
    },
  };
}

async function isPrivate(db: Db, repositoryId: number | null): Promise<boolean> {
  if (repositoryId === null) return false;
  const [row] = await queryRows<{ private: boolean }>(
    db,
    sql`select private from repositories where id = ${repositoryId}`,
  );
  return row?.private ?? true;
}
