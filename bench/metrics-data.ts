/**
 * The rows bench/metrics measures on, generated inside PostgreSQL with generate_series (seconds
 * for a million rows): `commits` commits and `pulls` pull requests over a year across 20
 * repositories and 200 people plus 5 bots, two reviews per PR, issues with triage labels, and 50
 * ghsync users linked to the first 50 accounts (time zones varied, two commit emails each).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../src/store/database.js";

export interface DataSize {
  commits: number;
  pulls: number;
  issues: number;
}

export const REPOSITORIES = 20;
export const PEOPLE = 50;
const HUMANS = 200;
const YEAR_S = 365 * 86_400;

export async function generateRows(db: Db, size: DataSize): Promise<void> {
  await db.execute(sql`insert into accounts (id, login, type)
    select g, 'dev' || g, 'User' from generate_series(1, ${HUMANS}) g
    union all select 1000 + g, 'robot-' || g || '[bot]', 'Bot' from generate_series(1, 5) g`);
  await db.execute(sql`insert into repositories (id, owner, name, full_name, default_branch, tracked)
    select g, 'acme', 'repo' || g, 'acme/repo' || g, 'main', true from generate_series(1, ${REPOSITORIES}) g`);
  // Authors: mostly people, some bots, 5 % without an account (found by email, or nobody's).
  await db.execute(sql`insert into commits (repository_id, sha, author_id, author_email, authored_at, committed_at, message)
    select g % ${REPOSITORIES} + 1, md5(g::text),
           case when g % 20 = 0 then null when g % 41 = 0 then 1000 + g % 5 + 1 else g % ${HUMANS} + 1 end,
           case when g % 20 = 0 then 'home' || (g / 20) % 400 || '@example.com' else null end,
           now() - ((g * 7919) % ${YEAR_S}) * interval '1 second',
           now() - ((g * 7919) % ${YEAR_S}) * interval '1 second', 'change ' || g
    from generate_series(1::bigint, ${size.commits}) g`);
  // 80 % merged within ~2 days, 10 % closed, 10 % open; a fifth opened as drafts.
  await db.execute(sql`insert into pull_requests (id, repository_id, number, title, author_id, state, draft, merged,
      merged_at, closed_at, created_at, updated_at, additions, deletions, changed_files, first_commit_at, ready_for_review_at)
    select g, g % ${REPOSITORIES} + 1, g, 'PR ' || g, case when g % 17 = 0 then 1000 + g % 5 + 1 else g % ${HUMANS} + 1 end,
           case when g % 10 = 9 then 'open' else 'closed' end, false, g % 10 < 8,
           case when g % 10 < 8 then created + ((g * 37) % 172800) * interval '1 second' end,
           case when g % 10 < 9 then created + ((g * 37) % 172800) * interval '1 second' end,
           created, created + interval '3 days', g % 900, g % 300, g % 30 + 1, created - interval '5 hours',
           case when g % 5 = 0 then created + interval '2 hours' end
    from (select g, now() - ((g * 104729) % ${YEAR_S}) * interval '1 second' as created
          from generate_series(1::bigint, ${size.pulls}) g) s`);
  await db.execute(sql`insert into pull_request_reviews (id, pull_request_id, repository_id, author_id, state, submitted_at)
    select p.id * 2 + k, p.id, p.repository_id, (p.author_id + k * 7) % ${HUMANS} + 1, 'APPROVED',
           p.created_at + ((p.id * 13 + k * 3600) % 86400) * interval '1 second'
    from pull_requests p, generate_series(0, 1) k`);
  await db.execute(sql`insert into issues (id, repository_id, number, title, state, labels, created_at, updated_at, closed_at)
    select g, g % ${REPOSITORIES} + 1, ${size.pulls} + g, 'Issue ' || g, case when g % 3 = 0 then 'open' else 'closed' end,
           (array['["bug"]', '["severity: critical", "blocker"]', '["priority: high", "security"]', '["documentation"]', '[]'])[g % 5 + 1]::jsonb,
           now() - ((g * 15485863) % ${YEAR_S}) * interval '1 second', now(),
           case when g % 3 <> 0 then now() - ((g * 15485863) % ${YEAR_S}) * interval '1 second' + interval '2 days' end
    from generate_series(1::bigint, ${size.issues}) g`);
  await db.execute(sql`insert into users (login, timezone, commit_emails)
    select 'person' || g, (array['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata'])[g % 4 + 1],
           jsonb_build_array('home' || g || '@example.com', 'home' || (g + 200) || '@example.com')
    from generate_series(1, ${PEOPLE}) g`);
  await db.execute(sql`insert into user_github_accounts (user_id, account_id, login)
    select u.id, u.id, 'dev' || u.id from users u`);
  // Vacuumed now, so autovacuum does not run during the first measurements, and the visibility
  // map allows index-only scans.
  await db.execute(sql`vacuum analyze`);
}
