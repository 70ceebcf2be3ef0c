/**
 * People using ghsync and the GitHub accounts they link (issue: people, goals, notifications).
 * A person's numbers are derived from the mirror through these links — never stored as counters.
 */
import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { ROLES } from "../contract/enums.js";
import { id, oneOf, ts } from "./columns.js";

export const users = pgTable(
  "users",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** ghsync's own login for the person (not necessarily a GitHub login). */
    login: text("login").notNull(),
    name: text("name"),
    email: text("email"),
    /** IANA zone: weekly and monthly goal periods and streak days are counted in it. */
    timezone: text("timezone").notNull().default("UTC"),
    /** Shown at /api/public/:login (public-repository data only). */
    public: boolean("public").notNull().default(false),
    /** Commit author emails that are this person's, for commits GitHub could not tie to an account. */
    commitEmails: jsonb("commit_emails").$type<string[]>().notNull().default([]),
    /** Days a month the person's current streak survives without a contribution (metrics/streaks.ts). */
    streakFreezes: integer("streak_freezes").notNull().default(0),
    /** Listed on the public leaderboard (`/api/public/leaderboard`); only with `public` too. */
    leaderboard: boolean("leaderboard").notNull().default(false),
    /** Told when a backfill of any repository finishes (notify/announce-sync.ts); on unless turned off. */
    notifySync: boolean("notify_sync").notNull().default(true),
    /** `admin` manages repositories, people, tokens and targets; `member` reads (api/roles.ts). */
    role: text("role").notNull().default("member"),
    /**
     * The GitHub OAuth token of the person's latest "Sign in with GitHub" (sealed under
     * GHSYNC_SECRET_KEY when set): private repositories are shown to a member only as it reads them.
     */
    githubToken: text("github_token"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_login_key").on(sql`lower(${t.login})`), oneOf("users", t.role, ROLES)],
);

/** A GitHub account linked to a person; one account belongs to one person at most. */
export const userGithubAccounts = pgTable(
  "user_github_accounts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: id("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** GitHub's account id, once known (from the mirror's `accounts`, or GitHub). Matching uses it first. */
    accountId: id("account_id"),
    login: text("login").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("user_github_accounts_login_key").on(sql`lower(${t.login})`),
    index("user_github_accounts_user_idx").on(t.userId),
    index("user_github_accounts_account_idx").on(t.accountId),
  ],
);
