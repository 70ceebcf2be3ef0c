/**
 * The public leaderboard (seed 002: "an opt-in leaderboard"): people who are public and opted in
 * (`leaderboard`), ranked by their commits of the last 30 days, then pull requests merged, then the
 * current streak — counted over public repositories only, like the public profile.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../store/database.js";
import { users } from "../store/schema.js";
import { localDay } from "./goal-periods.js";
import { countMetric } from "./goal-progress.js";
import { commitDays } from "./public-profile.js";
import { streaks } from "./streaks.js";

const DAY_MS = 86_400_000;
export const LEADERBOARD_DAYS = 30;

export interface LeaderboardEntry {
  rank: number;
  login: string;
  name: string | null;
  commits: number;
  pull_requests_merged: number;
  streak_days: number;
}

export interface Leaderboard {
  from: string;
  to: string;
  items: LeaderboardEntry[];
}

export async function publicLeaderboard(env: {
  db: Db;
  botLogins: string[];
  now: () => Date;
}): Promise<Leaderboard> {
  const to = env.now();
  const from = new Date(to.getTime() - LEADERBOARD_DAYS * DAY_MS);
  const people = await env.db
    .select()
    .from(users)
    .where(and(eq(users.public, true), eq(users.leaderboard, true)));
  const entries: Omit<LeaderboardEntry, "rank">[] = [];
  for (const user of people) {
    const scope = { userId: user.id, start: from, end: to, repositoryId: null, publicOnly: true };
    const days = await commitDays(env.db, user, env.botLogins);
    entries.push({
      login: user.login,
      name: user.name,
      commits: await countMetric(env.db, "commits", { ...scope, botLogins: env.botLogins }),
      pull_requests_merged: await countMetric(env.db, "pull_requests_merged", {
        ...scope,
        botLogins: env.botLogins,
      }),
      streak_days: streaks(days, localDay(user.timezone, to), user.streakFreezes).current,
    });
  }
  entries.sort(
    (a, b) =>
      b.commits - a.commits ||
      b.pull_requests_merged - a.pull_requests_merged ||
      b.streak_days - a.streak_days ||
      a.login.localeCompare(b.login),
  );
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    items: entries.map((entry, index) => ({ rank: index + 1, ...entry })),
  };
}
